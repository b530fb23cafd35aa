"""Build ferncliffe.docx: a fictional social networking / online conduct policy."""
from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).with_name("ferncliffe.docx")

doc = Document()


def h1(text):
    doc.add_heading(text, level=1)


def h2(text):
    doc.add_heading(text, level=2)


def p(text):
    return doc.add_paragraph(text)


def runin(bold, rest):
    para = doc.add_paragraph()
    para.add_run(bold).bold = True
    para.add_run(" " + rest)
    return para


def bullets(items):
    for item in items:
        doc.add_paragraph(item, style="List Bullet")


def _new_number_id():
    """Make a fresh numbering instance for 'List Number' that restarts at 1."""
    numbering = doc.part.numbering_part.element
    style = doc.styles["List Number"]
    num_id = style.element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def numbered(items):
    num_id = _new_number_id()
    for item in items:
        para = doc.add_paragraph(item, style="List Number")
        num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id


def table(header, rows):
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    return t


# ---------------------------------------------------------------- front matter
doc.add_paragraph("Social Networking and Online Conduct Policy", style="Title")
intro = doc.add_paragraph()
intro.add_run("Ferncliffe Church of England Middle School").bold = True
p("Written by: Mr David Pryce (School Business Manager) and Mrs Helen Ashby "
  "(Headteacher). Designated Safeguarding Lead: Mrs Claire Wren (Deputy Headteacher).")
p("This policy should be read with our Child Protection and Safeguarding Policy, "
  "the Staff Code of Conduct, the Acceptable Use Agreements and the Behaviour and "
  "Anti-bullying Policies.")

# ---------------------------------------------------------------- 1 purpose
h1("1. Purpose")
p("As a Church of England school we want every member of our community to treat "
  "others online as they would face to face, with dignity and respect, even though "
  "most of our pupils are below the minimum age the major platforms set.")
p("This policy aims to:")
bullets([
    "protect pupils from harm, including harm that starts outside school and follows "
    "them in through their phones;",
    "help staff keep a clear boundary between their professional and private lives;",
    "protect the reputation of the school, the Diocese and the people who work here;",
    "make clear what will happen when things go wrong.",
])

# ---------------------------------------------------------------- 2 scope
h1("2. Scope")
p("This policy applies to everyone who works at or for Ferncliffe, whether they are "
  "paid or not. That includes:")
bullets([
    "teaching and support staff, including those on fixed-term and casual contracts;",
    "governors, including the foundation governors appointed by the Diocese;",
    "volunteers, students on placement and visiting music teachers;",
    "contractors and agency staff while they are on the school site.",
])
p("Sections 7 and 9 also apply to pupils, and section 8 to parents at school events. "
  "The policy covers conduct on site, on trips and residentials, and off site "
  "wherever it has a link to the school, its pupils or its staff.")

# ---------------------------------------------------------------- 3 definitions
h1("3. What we mean by social media")
p("Social media means any website, app or online service that lets people share "
  "content or hold conversations with others. Examples include:")
bullets([
    "social networks such as Facebook, Instagram, Snapchat and TikTok;",
    "messaging apps such as WhatsApp, Messenger and iMessage, including group chats;",
    "online games with chat functions, such as Roblox, Minecraft and Fortnite;",
    "forums, review sites and the village Facebook groups.",
])
p("A personal device is any phone, tablet, laptop, smartwatch or camera not owned "
  "and managed by the school.")

# ---------------------------------------------------------------- 4 staff use
h1("4. Staff personal use of social media")
p("Staff may use social media privately, but as employees of a church school they "
  "are held to a higher standard than the public, and anything posted can be copied "
  "and kept long after it is deleted.")

h2("4.1 Privacy and identity")
runin("Privacy settings.",
      "Staff should set the privacy settings on all personal accounts to the highest "
      "level and check them each term. Profile pictures are usually public whatever "
      "the settings say.")
runin("Naming the school.",
      "Staff should not give Ferncliffe as their workplace on personal profiles. Where "
      "a network such as LinkedIn expects an employer, this is allowed.")
runin("Email accounts.",
      "Never use your school Google Workspace account for personal social media.")

h2("4.2 What staff must not post")
p("Staff must not post, share, like or comment on content that:")
bullets([
    "identifies or refers to any pupil, whether by name, photograph or description;",
    "discusses parents, carers, colleagues or governors in a way that could identify "
    "them;",
    "reveals confidential information about the school, such as staffing matters, "
    "suspensions or safeguarding concerns;",
    "criticises the school or its decisions publicly (concerns should be raised "
    "through the Grievance or Whistleblowing procedures instead);",
    "is discriminatory, abusive, threatening or sexually explicit;",
    "could otherwise bring the school or the Diocese into disrepute.",
])

h2("4.3 Living and working in a small community")
p("Many staff live in the villages our pupils come from, and some are parents here. "
  "If you are already friends with a parent online you need not end it, but tell the "
  "DSL so a note can be made, and never discuss school matters with them online. "
  "Staff who are parents may join their own child\u2019s class WhatsApp group, but "
  "should stay silent if school business is raised.")

# ---------------------------------------------------------------- 5 contact
h1("5. Contact with pupils, former pupils and parents")
p("Staff must not send or accept friend or follow requests to or from any current "
  "pupil, or contact pupils through personal accounts, numbers or email addresses. "
  "Decline any request from a pupil and record it on CPOMS.")
p("Contact with pupils goes through Google Classroom or school email. Contact with "
  "parents uses the office telephone, Arbor messaging or school email, between "
  "7.30am and 6.00pm on school days unless there is an emergency.")
p("Former pupils leave us for the high school at 13, so staff must not accept "
  "friend requests from former pupils under 18. With former pupils over 18, staff "
  "should use their judgement and think carefully before connecting with anyone "
  "they taught in the last three years, especially if a sibling is still here.")
p("To contact a parent in an emergency on a trip, staff should:")
numbered([
    "use the school trip phone wherever possible;",
    "withhold their own number if they have no choice but to use their own phone;",
    "log the call in the trip file;",
    "delete the parent\u2019s number from their phone afterwards.",
])

# ---------------------------------------------------------------- 6 staff phones
h1("6. Staff mobile phones and personal devices")
p("Staff may bring personal mobile phones to school, but they must be switched to "
  "silent and out of sight whenever pupils are present. Staff may use them in the "
  "staffroom and the PPA room at break and lunchtime when no pupils are present.")
p("Phones must not be used in classrooms, corridors, the hall, the playground or "
  "changing rooms; duty staff carry a radio instead.")
runin("Never photograph pupils on a personal device.",
      "Staff must never use a personal device to photograph, film or record pupils. "
      "School iPads can be booked from the office.")
p("Staff who need to be contactable for a family reason, such as a relative in "
  "hospital, should speak to the Headteacher, who may agree that the phone stays on "
  "and calls are taken in the office.")
p("Pupil data must not be stored on personal devices. A phone used for school email "
  "must have a PIN, and a lost device must be reported to the School Business "
  "Manager the same day.")

# ---------------------------------------------------------------- 7 pupil phones
h1("7. Pupils\u2019 mobile phones and smart devices")
p("Many older pupils travel on the county bus, so pupils in Years 7 and 8 may bring "
  "a phone if a parent has completed the permission form. Years 5 and 6 should not "
  "bring phones unless the Headteacher agrees in writing.")
p("Where a phone is brought to school:")
bullets([
    "it is switched off before the pupil comes through the gate;",
    "it is handed in at registration and kept in a locked box in the office;",
    "it is returned at the end of the day.",
])
p("Smartwatches that can take photos or send messages count as phones. A phone used "
  "during the day is confiscated until a parent collects it. Searches follow the "
  "DfE guidance on searching, screening and confiscation, and only the Headteacher "
  "or DSL may authorise a look at a device\u2019s contents.")

# ---------------------------------------------------------------- 8 photos
h1("8. Photographs and video")
p("Parents give photograph consent on Arbor, with separate choices for the website, "
  "social media and the press, and may change it at any time. Staff must check the "
  "office list before an image is used outside the classroom.")
p("Images of pupils are taken on school devices only, stored in the school\u2019s "
  "Google Drive and deleted when no longer needed. A pupil\u2019s full name never "
  "appears next to their photograph online.")
runin("Parents filming events.",
      "Parents and carers are welcome to take photographs and film at school "
      "productions and the Christmas service for family use, on condition that:")
bullets([
    "images that include other children must not be posted on social media;",
    "they stop filming if the Headteacher asks.",
])

# ---------------------------------------------------------------- 9 cyberbullying
h1("9. Cyberbullying")
p("Cyberbullying is bullying carried out through technology: messages, posts, "
  "images or videos sent or shared in order to hurt, threaten, humiliate or exclude "
  "someone. It can happen at any hour, the audience can be large and the person "
  "responsible may be anonymous. Examples include:")
bullets([
    "sending unkind or threatening messages;",
    "deliberately leaving someone out of a group chat or game;",
    "sharing embarrassing photos or screenshots;",
    "recording someone without their agreement and passing it on.",
])
p("We deal with cyberbullying under the Anti-bullying Policy even when it happens "
  "outside school hours, because its effects come into school with the child.")
runin("Pupils",
      "who are bullied online are taught to stop, block and tell: do not reply, block "
      "the sender and tell a trusted adult. They should keep the messages or "
      "screenshots rather than deleting them.")
runin("Staff",
      "who become aware of cyberbullying must record it on CPOMS the same day and tell "
      "the pupil\u2019s Head of Year; if the material is sexual, section 10 applies.")
runin("Staff who are targeted",
      "online by pupils or parents should not respond. They should keep a screenshot "
      "showing the date and the account name and report it to the Headteacher, who "
      "will decide whether to contact the parent, the platform or the police.")

# ---------------------------------------------------------------- 10 nudes
h1("10. Nude and semi-nude images")
p("The sharing of nude and semi-nude images, sometimes called sexting, is always a "
  "safeguarding matter. Making, holding or sharing an indecent image of anyone under "
  "18 is a criminal offence, even when the person sharing it is a child and the image "
  "is of themselves; our aim is to protect the children involved, not to "
  "criminalise them.")
p("If a member of staff becomes aware of an incident, they must:")
numbered([
    "report it to the DSL or a deputy DSL immediately and in person;",
    "if a device is involved, confiscate it, switch it off and hand it to the DSL;",
    "record what they were told, in the child\u2019s own words, on CPOMS.",
])
p("Staff must not:")
bullets([
    "view, copy, print, forward or save the image, or ask a pupil to show it or send "
    "it to them;",
    "delete the image or ask a pupil to delete it;",
    "contact parents before speaking to the DSL;",
    "promise to keep it secret.",
])
p("A member of staff who sees an image by accident should tell the DSL at once so "
  "that it can be recorded. The DSL follows the UK Council for Internet Safety advice "
  "for education settings, decides whether to refer to children\u2019s social care or "
  "the police, and will only rarely decide that an image needs to be viewed. Any "
  "allegation that an adult has shared or asked for sexual images is handled under "
  "the Managing Allegations procedure and referred to the LADO.")

# ---------------------------------------------------------------- 11 official
h1("11. The school\u2019s official accounts")
p("The school runs a Facebook page and an X (formerly Twitter) account alongside "
  "its website. These accounts belong to the school, not to any individual. The "
  "School Business Manager holds the log-ins and moderates them day to day, and no "
  "new account may be opened without the Headteacher\u2019s approval. Teachers "
  "submit posts through the \u201cFerncliffe Posts\u201d Google Form, and the office "
  "checks each one before it is published.")
p("Every post on an official account must:")
bullets([
    "only show pupils whose consent includes social media;",
    "never put names with photographs;",
    "be checked for names in the background.",
])
p("Comments are switched off on the Facebook page, and the page explains that "
  "direct messages are not monitored. Abusive posts about the school elsewhere are "
  "reported to the platform, and the parent concerned may be invited to meet the "
  "Headteacher.")

# ---------------------------------------------------------------- 12 education
h1("12. Teaching online safety")
p("Online safety is taught through Computing, PSHE and RSE in every year group and "
  "revisited in collective worship and on Safer Internet Day each February. Pupils "
  "learn about age limits on apps, keeping personal information private, "
  "recognising grooming and pressure, and blocking and reporting. Year 8 have extra "
  "sessions on image sharing before they move on to high school. We hold an online "
  "safety evening for parents each autumn, and staff are trained as part of the "
  "safeguarding update every September.")

# ---------------------------------------------------------------- 13 reporting
h1("13. Reporting concerns and breaches")
p("Anyone with a concern about online conduct should report it promptly. The table "
  "below shows who to tell.")
table(
    ["Concern", "Who to tell", "How"],
    [
        ["A pupil at risk of harm, including nude images or grooming",
         "DSL (Mrs Wren) or a deputy DSL", "In person, then CPOMS"],
        ["Cyberbullying between pupils", "Head of Year; DSL if serious", "CPOMS"],
        ["A member of staff\u2019s online conduct", "Headteacher",
         "In person (Chair of Governors if it concerns the Headteacher)"],
        ["Abusive post about the school or staff", "Headteacher",
         "Email with a screenshot"],
        ["Lost or stolen device holding school data", "School Business Manager",
         "Same day, by phone or email"],
        ["Unsuitable content getting past the filter", "Computing Lead and SBM",
         "Email the web address; do not copy the content"],
    ],
)


# ---------------------------------------------------------------- 14 breaches
h1("14. Breaches and disciplinary action")
p("A breach by a member of staff may lead to action under the Disciplinary Policy "
  "and, in serious cases, may be treated as gross misconduct leading to dismissal. "
  "Some breaches are also crimes, which the school will report to the police. "
  "Breaches by governors are dealt with by the Chair under the Governors\u2019 Code of "
  "Conduct, and volunteers or contractors may be asked to leave the site. Pupils "
  "are dealt with under the Behaviour Policy, with sanctions suited to their age and "
  "support to help them understand the harm caused.")

# ---------------------------------------------------------------- 15 law
h1("15. Legislation and guidance")
p("This policy has been written with regard to the following, among others:")
bullets([
    "Keeping Children Safe in Education (current edition);",
    "Searching, Screening and Confiscation (DfE guidance);",
    "Education and Inspections Act 2006 and Education Act 2011;",
    "Malicious Communications Act 1988 and Communications Act 2003;",
    "Protection of Children Act 1978 and Criminal Justice Act 1988;",
    "Data Protection Act 1998;",
    "Data Protection Act 2018 and the UK GDPR;",
    "Regulation of Investigatory Powers Act 2000;",
    "Equality Act 2010;",
    "Online Safety Act 2023.",
])

# ---------------------------------------------------------------- 16 review
h1("16. Monitoring and review")
p("The School Business Manager keeps a log of incidents connected with this policy "
  "and reports the numbers, without names, to the Full Governing Body each term. The "
  "policy is reviewed every two years, or sooner if the law or statutory guidance "
  "changes.")
p("All staff, governors and volunteers must sign to confirm that they have read and "
  "understood this policy. Signed copies are kept with the single central record in "
  "the school office.")

h2("Version control")
table(
    ["Version", "Approved by", "Date", "Next review"],
    [
        ["1.0", "Full Governing Body", "14 March 2022", "March 2024"],
        ["1.1", "Headteacher (minor update)", "5 September 2023", "March 2024"],
        ["2.0", "Full Governing Body", "18 November 2024", "November 2026"],
    ],
)

for para in doc.paragraphs:
    if para.style.name == "Normal":
        for run in para.runs:
            run.font.size = Pt(11)

doc.save(OUT)
print("saved", OUT)
