from docx import Document
from docx.shared import Pt

d = Document()
d.add_paragraph("Thornaby Vale Academy", style="Title")
p = d.add_paragraph("Social Media and Online Conduct Policy")
p.runs[0].bold = True
d.add_paragraph("Part of the Teesmoor Learning Partnership. Approved by the Local Governing Body: 14 September 2022. Next review: September 2024.")

def h(t, lvl=1):
    d.add_heading(t, level=lvl)

def para(t, style=None):
    d.add_paragraph(t, style=style) if style else d.add_paragraph(t)

h("1. Purpose and scope")
para("1.1 This policy explains how Thornaby Vale Academy expects its staff to behave when they use social media, whether at work or in their private lives.")
para("1.2 It applies to all employees of the Academy, to trainee teachers on placement, to agency and supply staff, and to governors and regular volunteers.")
para("1.3 In this policy, “social media” means any website or app that lets users create and share content or take part in online networking, including Facebook, Instagram, X (formerly Twitter), TikTok, Snapchat, WhatsApp and YouTube.")
para("1.4 The policy should be read alongside the Academy’s Safeguarding and Child Protection Policy, the Staff Code of Conduct and the ICT Acceptable Use Agreement.")
para("1.5 Nothing in this policy is intended to stop staff from using social media lawfully in their own time.")

h("2. Expectations of staff online")
para("2.1 Staff must keep the same professional standards online that they are expected to keep in the classroom.")
para("2.2 Employees should assume that anything they post may become public, however strict their privacy settings are.")
para("2.3 Staff must not post material that could bring the Academy or the Trust into disrepute.")
para("2.4 In particular, staff must not:")
para("make offensive, discriminatory or defamatory comments about pupils, parents, colleagues or the Academy;", "List Bullet")
para("share confidential information, including:", "List Bullet")
para("details of pupils’ behaviour, attainment or family circumstances;", "List Bullet 2")
para("internal discussions about staffing or finance;", "List Bullet 2")
para("the content of safeguarding referrals;", "List Bullet 2")
para("use the Academy logo or crest on a personal account;", "List Bullet")
para("express views that appear to be made on behalf of the Academy without the Principal’s consent.", "List Bullet")
para("2.5 Staff are advised to set their personal profiles to private and to check their privacy settings each term.")
para("2.6 Staff should not list Thornaby Vale Academy as their employer on personal networking profiles, other than on professional networks such as LinkedIn.")

h("3. Contact with pupils and parents")
para("3.1 Staff must not accept or send friend requests, follow requests or connection requests to or from any current pupil of the Academy.")
para("3.2 This also applies to former pupils who are under the age of 18, and to former pupils of any age who have a sibling still on roll.")
para("3.3 Staff must never give their personal mobile number, personal email address or social media username to a pupil.")
para("3.4 All electronic communication with pupils must take place through Academy systems such as Microsoft Teams or the school email service.")
para("3.5 Staff who are already friends with a parent online, for example because they live in the same community, should tell their line manager and take particular care about what they share.")
para("3.6 If a pupil tries to contact a member of staff privately online, the member of staff must not reply and must report it to Mrs J. Whitlock, the Designated Safeguarding Lead, the same day.")

h("4. Mobile phones and personal devices")
h("4.1 Staff", 2)
para("Staff may bring personal mobile phones to work, but they must be switched to silent and kept out of sight during lessons.")
para("Personal phones must not be used in classrooms, corridors or changing areas when pupils are present.")
para("In an emergency, staff may use their phone in the staff room or an office.")
para("Staff on educational visits should carry the Academy’s trip phone and use it to contact parents.")
h("4.2 Pupils", 2)
para("Pupils in Years 7 to 11 may bring a phone to school, but it must be switched off and kept in their bag from the start of registration until the end of the school day.")
para("Sixth form students may use phones in the sixth form study centre only.")
para("A phone seen or heard during the school day will be confiscated and kept at Student Reception until the end of the day.")
para("After a second confiscation in one half-term, a parent or carer will be asked to collect the phone.")
para("The Academy accepts no responsibility for the loss of or damage to pupils’ phones.")

h("5. Photographs and video")
para("5.1 Photographs and videos of pupils may only be taken on Academy-owned cameras or tablets.")
para("5.2 Staff must never store images of pupils on a personal phone, home computer or personal cloud account.")
para("5.3 Before a pupil’s photograph is published on the Academy website or social media accounts, the data office will check that the parent has given written consent.")
para("5.4 Published images must not be captioned with a pupil’s full name.")
para("5.5 Parents may film their own child at concerts and sports events, but they are asked not to post images of other children online.")

h("6. Cyberbullying")
para("6.1 Cyberbullying is the use of phones, apps or the internet to deliberately upset, threaten or humiliate another person.")
para("6.2 The Academy treats cyberbullying of pupils by pupils in the same way as any other bullying, under its Anti-Bullying Policy.")
para("6.3 Where cyberbullying happens outside school but affects pupils’ wellbeing in school, the Academy may still take action, as the Education and Inspections Act 2006 allows.")
para("6.4 Staff who are bullied or harassed online by pupils or parents should keep screenshots as evidence and report it to their line manager.")
para("6.5 The Academy will ask the website or app provider to remove offensive content and, where a crime may have been committed, will contact Cleveland Police.")

h("7. Indecent images and sexting")
para("7.1 Creating, holding or sharing an indecent image of a person under 18 is a criminal offence, even when the young person has taken an image of themselves.")
para("7.2 Any incident involving nude or semi-nude images must be reported straight away to the Designated Safeguarding Lead.")
para("7.3 Staff must not view, copy, print or forward such an image, and must not ask a pupil to show it to them.")
para("7.4 The Designated Safeguarding Lead will follow the UK Council for Internet Safety guidance on sharing nudes and semi-nudes.")
para("7.5 Staff who find indecent images of children on any device will be reported to the police and to the Local Authority Designated Officer.")

h("8. Legislation")
para("8.1 This policy takes account of the following legislation:")
para("the Data Protection Act 1998;", "List Number")
para("the Human Rights Act 1998;", "List Number")
para("the Protection of Children Act 1978;", "List Number")
para("the Malicious Communications Act 1988;", "List Number")
para("the Communications Act 2003;", "List Number")
para("the Computer Misuse Act 1990;", "List Number")
para("the Equality Act 2010.", "List Number")
para("8.2 Staff should also be familiar with Keeping Children Safe in Education.")

h("9. Breaches of the policy")
para("9.1 A breach of this policy may lead to action under the Trust’s Disciplinary Procedure.")
para("9.2 Serious breaches, such as inappropriate contact with a pupil, may be treated as gross misconduct and could result in dismissal.")
para("9.3 The table below sets out typical responses.")
t = d.add_table(rows=1, cols=3)
t.style = "Table Grid"
hdr = t.rows[0].cells
hdr[0].text, hdr[1].text, hdr[2].text = "Breach", "Example", "Likely response"
rows = [
    ("Minor", "Leaving a personal profile public", "Informal advice from the line manager"),
    ("Moderate", "Posting a negative comment about the Academy", "Written warning"),
    ("Serious", "Private messaging a pupil", "Suspension and investigation; possible dismissal"),
]
for r in rows:
    c = t.add_row().cells
    for i, v in enumerate(r):
        c[i].text = v
para("9.4 Pupils who misuse social media will be dealt with under the Behaviour Policy.")

h("10. Monitoring and review")
para("10.1 The Academy may monitor the use of its own systems and networks to make sure this policy is being followed.")
para("10.2 The Principal, Mr R. Adeyemi, is responsible for making sure this policy is followed day to day.")
para("10.3 The policy will be reviewed every two years by the Local Governing Body, or sooner if the law changes.")

h("Sign-off", 1)
s = d.add_table(rows=3, cols=3)
s.style = "Table Grid"
vals = [("Role", "Name", "Date"), ("Principal", "Mr R. Adeyemi", "14/09/2022"), ("Chair of Governors", "Mrs P. Lindqvist", "14/09/2022")]
for i, r in enumerate(vals):
    for j, v in enumerate(r):
        s.rows[i].cells[j].text = v
d.save("/work/stress2/inputs/thornaby.docx")
