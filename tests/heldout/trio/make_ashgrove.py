from docx import Document
d = Document()
d.add_paragraph("Ashgrove Community Academy: Online Safety and Social Media Policy", style="Title")
t = d.add_table(rows=3, cols=2)
for i,(a,b) in enumerate([("Date adopted","March 2024"),("Review date","March 2025"),("Policy owner","Deputy Headteacher (Pastoral)")]):
    t.cell(i,0).text=a; t.cell(i,1).text=b
H=lambda s: d.add_paragraph(s, style="Heading 1")
P=lambda s: d.add_paragraph(s)
def B(items, style="List Bullet"):
    for it in items:
        d.add_paragraph(it, style=style)
H("Why we have this policy")
P("Ashgrove Community Academy is an 11 to 16 school with around 900 students. Social media is part of everyday life for our students, their families and our staff. This policy sets out our expectations so that everyone can use online services safely. It is written for staff, students, parents and carers, and governors.")
H("Expectations of staff")
P("All members of staff must:")
B(["keep their personal social media accounts private and check their privacy settings at least once a term;",
   "decline any friend or follow request from a current student;",
   "report to the Designated Safeguarding Lead any student who tries to contact them through a personal account;",
   "use only academy-approved platforms, such as Microsoft Teams and Arbor, to communicate with students and families;",
   "think carefully before posting anything, as posts may remain visible for years."])
P("Members of staff must not:")
B(["post images, names or information about students on personal accounts;",
   "criticise the academy, its staff or its families online;",
   "share confidential information that they have learned through their work;",
   "use a personal device to photograph or record students."])
P("Staff may use their own phones for work purposes when:")
B(["they are using the two-factor authentication app for academy systems;",
   "a trip leader needs to contact the academy in an emergency and no academy phone is available;"])
B(["in this case the call must be logged with the trip leader on return."], style="List Bullet 2")
P("Staff who run an official academy social media account must:")
B(["have the written approval of the headteacher;",
   "post only from academy devices;",
   "check the photograph consent list before posting any image;",
   "never reply to a student's comment or direct message from the account."])
H("Expectations of students")
P("Students are expected to:")
B(["follow the age limits set by each social media platform, which for most sites is 13;",
   "treat others online with the same respect they would show face to face;",
   "keep their passwords private and log out of shared devices;",
   "tell a member of staff if they see something online that worries them."])
P("Students must not:")
B(["film or photograph other students or staff without their permission;",
   "create fake accounts in the name of another person or of the academy;",
   "share content that is threatening, racist, sexist, homophobic or otherwise offensive;",
   "use social media during lessons."])
H("Mobile phones")
P("Our approach to mobile phones is \"not seen, not heard\". Students may bring a mobile phone to the academy. Phones must be switched off and kept in bags from the moment students arrive until they leave the site. The following sanctions apply:")
B(["first occasion: the phone is confiscated and returned at the end of the day;",
   "second occasion: the phone is confiscated and a parent must collect it;",
   "further occasions: the student must hand the phone in at reception each morning for four weeks."])
P("Staff may search a student's phone only where the law allows and only with a second member of staff present. Staff must keep their own phones out of sight in classrooms.")
H("Photographs and filming")
B(["Parents are asked each September to confirm whether their child's image may be used in academy publications.",
   "Students whose parents have not given consent will not appear in any image shared online.",
   "Parents may film their own child in academy productions, but must not post footage showing other children.",
   "Photographs are stored on the academy's secure cloud storage and deleted when a student leaves."])
H("Cyberbullying")
P("Cyberbullying can include:")
B(["sending hurtful or threatening messages;",
   "posting embarrassing photos or videos;",
   "excluding someone from group chats on purpose;",
   "pretending to be someone else online."])
P("When cyberbullying is reported, staff will:")
B(["listen to the student and reassure them;",
   "ask the student to keep evidence, for example by taking screenshots;",
   "record the incident on CPOMS;",
   "inform the Head of Year, who will investigate and contact parents."])
P("Cyberbullying that takes place outside school hours will still be dealt with when it affects the wellbeing of students at the academy. Parents should report cyberbullying to the academy rather than confronting other families online.")
H("Sexting and inappropriate images")
P("If a nude or semi-nude image of a student is disclosed or found:")
B(["staff must not view, copy, download or share the image;",
   "staff must not delete the image or ask the student to delete it;",
   "the device should be confiscated, switched off and passed to the DSL;",
   "the DSL will decide whether to involve parents, children's social care or the police."])
P("Students are taught that making or sharing such images of anyone under 18 is against the law.")
H("Parents and carers")
P("We ask parents and carers to:")
B(["support the academy's approach to online safety at home;",
   "raise concerns directly with the academy instead of posting about them on social media;",
   "avoid adding academy staff as friends on personal accounts;",
   "check the privacy settings on their child's devices and apps."])
H("Relevant law and guidance")
P("This policy takes account of:")
B(["Keeping Children Safe in Education 2024;",
   "Searching, Screening and Confiscation (DfE, 2022);",
   "the Data Protection Act 2018;",
   "the Online Safety Act 2023;",
   "the Protection from Harassment Act 1997."])
H("If the policy is not followed")
P("Breaches by staff will be dealt with under the academy's disciplinary procedure. Breaches by students will be dealt with under the Behaviour Policy. Where a crime may have been committed, the academy will inform the police.")
H("Monitoring and review")
P("The Deputy Headteacher (Pastoral) will monitor the policy and report annually to the Local Governing Body. The policy will be reviewed every year.")
d.save("/work/stress/inputs/ashgrove.docx")
