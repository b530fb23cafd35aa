"""Build highmoor.docx - a deliberately 'lived-in' Word file for Highmoor Community College.

Lists are Normal-style paragraphs with w:numPr pointing at numbering instances defined
in the numbering part (one bullet abstractNum, one decimal abstractNum, two levels each).
Some headings use the Heading 1 style, others are bold ALL CAPS Normal paragraphs.
"""
import os

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "highmoor.docx")

doc = Document()
numbering = doc.part.numbering_part.element

# ---------------------------------------------------------------- numbering definitions
BULLET_ABS = 11
DECIMAL_ABS = 12


def _el(tag, **attrs):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn("w:" + k), str(v))
    return e


def make_abstract(abs_id, levels):
    a = _el("w:abstractNum", abstractNumId=abs_id)
    a.append(_el("w:multiLevelType", val="hybridMultilevel"))
    for ilvl, fmt, text, font in levels:
        lvl = _el("w:lvl", ilvl=ilvl)
        lvl.append(_el("w:start", val=1))
        lvl.append(_el("w:numFmt", val=fmt))
        lvl.append(_el("w:lvlText", val=text))
        lvl.append(_el("w:lvlJc", val="left"))
        ppr = _el("w:pPr")
        ppr.append(_el("w:ind", left=720 * (ilvl + 1), hanging=360))
        lvl.append(ppr)
        if font:
            rpr = _el("w:rPr")
            rpr.append(_el("w:rFonts", ascii=font, hAnsi=font, hint="default"))
            lvl.append(rpr)
        a.append(lvl)
    return a


bullet_abs = make_abstract(BULLET_ABS, [
    (0, "bullet", "\uf0b7", "Symbol"),  # Word's own Symbol-font bullet (private-use U+F0B7)
    (1, "bullet", "o", "Courier New"),
])
decimal_abs = make_abstract(DECIMAL_ABS, [
    (0, "decimal", "%1.", None),
    (1, "lowerLetter", "%2)", None),
])

# abstractNum elements must precede w:num elements in numbering.xml
first_num = numbering.find(qn("w:num"))
if first_num is not None:
    first_num.addprevious(bullet_abs)
    first_num.addprevious(decimal_abs)
else:
    numbering.append(bullet_abs)
    numbering.append(decimal_abs)

existing_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
_next_num_id = [max(existing_ids + [0]) + 1]


def new_num(abs_id, restart=True):
    nid = _next_num_id[0]
    _next_num_id[0] += 1
    num = _el("w:num", numId=nid)
    num.append(_el("w:abstractNumId", val=abs_id))
    if restart:
        ov = _el("w:lvlOverride", ilvl=0)
        ov.append(_el("w:startOverride", val=1))
        num.append(ov)
    numbering.append(num)
    return nid


BULLET_NUM = new_num(BULLET_ABS, restart=False)  # one shared bullet instance, as Word does


def set_numpr(par, num_id, ilvl=0):
    ppr = par._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


# ---------------------------------------------------------------- helpers
def P(*segments, align=None, size=None, space_after=None):
    """Normal paragraph. segments are str or (str, bold) tuples; '\n' inside a str -> w:br."""
    par = doc.add_paragraph()
    for seg in segments:
        text, bold = (seg, False) if isinstance(seg, str) else seg
        parts = text.split("\n")
        for i, part in enumerate(parts):
            run = par.add_run(part)
            run.bold = bold or None
            if size:
                run.font.size = Pt(size)
            if i < len(parts) - 1:
                run.add_break()
    if align:
        par.alignment = align
    if space_after is not None:
        par.paragraph_format.space_after = Pt(space_after)
    return par


def CAPS(text):
    """Heading typed as a bold ALL CAPS Normal paragraph."""
    par = doc.add_paragraph()
    r = par.add_run(text.upper())
    r.bold = True
    par.paragraph_format.space_before = Pt(12)
    return par


def H1(text):
    return doc.add_heading(text, level=1)


def _list(items, num_id):
    for item in items:
        if isinstance(item, tuple):
            text, subs = item
        else:
            text, subs = item, []
        par = P(text)
        set_numpr(par, num_id, 0)
        for s in subs:
            sp = P(s)
            set_numpr(sp, num_id, 1)


def BUL(items):
    _list(items, BULLET_NUM)


def NUM(items):
    _list(items, new_num(DECIMAL_ABS))


# ---------------------------------------------------------------- cover block
P(("Highmoor Community College", True), align=WD_ALIGN_PARAGRAPH.CENTER, size=22, space_after=2)
P("Moor Road\nAshburn\nCounty Durham", align=WD_ALIGN_PARAGRAPH.CENTER, size=10)
P(("Social Networking and Online Conduct Policy", True), align=WD_ALIGN_PARAGRAPH.CENTER, size=16,
  space_after=0)
P("(incorporating the staff mobile phone protocol)", align=WD_ALIGN_PARAGRAPH.CENTER)
P("")

ctl = doc.add_table(rows=5, cols=2)
ctl.style = "Table Grid"
title = ctl.cell(0, 0).merge(ctl.cell(0, 1))
title.text = ""
title.paragraphs[0].add_run("Document control").bold = True
rows = [
    ("Version", "4.2 (replaces v4.1, March 2023)"),
    ("Author", "K. Robson, Deputy Headteacher and Designated Safeguarding Lead"),
    ("Approved", "Full Governing Body, 6 March 2024"),
    ("Review date", "Spring term 2025"),
]
for i, (k, v) in enumerate(rows, start=1):
    ctl.cell(i, 0).text = ""
    ctl.cell(i, 0).paragraphs[0].add_run(k).bold = True
    ctl.cell(i, 1).text = v

P("")
P(("Changes in this version:", True),
  "\n\u2013 section 9 rewritten to follow the UKCIS advice on sharing nudes and semi-nudes"
  "\n\u2013 student phones now \u2018Off and Away\u2019 from gate to gate (section 6)", size=9)
doc.add_page_break()

# ---------------------------------------------------------------- 1
CAPS("1. Purpose and scope")
P("Highmoor Community College recognises that social networking sites and messaging apps are part "
  "of everyday life for our students, their families and our staff. Used well, they help us "
  "celebrate achievement and keep in touch with the community we serve across Ashburn, Tanfield Lea "
  "and the surrounding villages. Used carelessly, they can put children at risk, damage professional "
  "reputations and undermine the trust that parents place in us.")
P("This policy sets out what the College expects of staff, students and parents when they use "
  "social media and personal devices. It applies to:")
BUL([
    "all employees of the College, whether full-time, part-time, temporary or on supply;",
    "trainee teachers, apprentices and students on work placement;",
    "governors and regular volunteers, including Duke of Edinburgh\u2019s Award helpers and Year 11 "
    "mentors;",
    "contractors while they are working with our students.",
])
P("It covers use in and out of College hours, on any device, and should be read alongside the "
  "Child Protection and Safeguarding Policy and the Staff Code of Conduct.")

# ---------------------------------------------------------------- 2
H1("2. Definitions")
P("In this policy:")
BUL([
    "\u201cSocial media\u201d means any website, app or online service that lets people create and "
    "share content or take part in networking, including Facebook, Instagram, TikTok, Snapchat, X, "
    "YouTube, WhatsApp, Discord and online games with chat features.",
    "A \u201cformer student\u201d is anyone who has left the College and is still under 18, or who "
    "left less than two years ago.",
    "\u201cPersonal device\u201d means any phone, tablet, laptop, smartwatch or camera that is not "
    "owned and managed by the College.",
    "\u201cDSL\u201d means the Designated Safeguarding Lead, currently Mrs K. Robson. The Deputy "
    "DSLs are Mr P. Armstrong and Miss L. Dodds (Pastoral Manager).",
])

# ---------------------------------------------------------------- 3
H1("3. Staff personal use of social media")
P("We do not wish to stop staff having a private life online. However, staff at Highmoor are in a "
  "position of trust, and what is posted privately can very easily become public. Assume that "
  "anything you post could be seen by students, parents or the local press.")
P(("3.1 Privacy and security", True))
NUM([
    "Set the privacy settings on all personal accounts to the highest level available, and check "
    "them at least once a term, as platforms change their settings without warning.",
    "Do not use your College email address to register for personal accounts.",
    "Remember that profile pictures are usually public, and switch location tagging off.",
])
P(("3.2 What staff must not post", True))
P("Staff must not:")
NUM([
    "identify themselves as working at Highmoor Community College on a personal profile "
    "(professional networking sites such as LinkedIn are an exception);",
    "post anything about students, their families or their circumstances, even if names are left "
    "out \u2013 in a small community people are easily identified;",
    "post photographs or video taken in College or on trips, unless it is an unchanged share of a "
    "post from an official College account;",
    ("make comments about colleagues, governors or the College which are offensive, "
     "discriminatory, or could be seen as bullying or harassment. This includes:", [
         "comments in \u201cprivate\u201d groups, such as staff WhatsApp groups;",
         "\u201clikes\u201d and shares of other people\u2019s posts, which can be taken as "
         "agreement;",
     ]),
    "disclose confidential information, such as exam results before publication or staffing "
    "matters;",
    "post material which could bring the College or the teaching profession into disrepute, for "
    "example photographs showing drunkenness or illegal activity.",
])
P("If you are unhappy about a decision at work, raise it with your line manager, your union or "
  "through the Grievance Procedure \u2013 not online.")
P(("3.3 If you are targeted online", True))
P("If a student or parent posts abusive or untrue content about you, do not respond. Take "
  "screenshots showing the date and time, and report it to the Headteacher or a member of SLT. The "
  "College will support you and, where appropriate, contact the platform, the parent or the police.")

# ---------------------------------------------------------------- 4
CAPS("4. Online contact with students, former students and parents")
P("All contact with students must be through College systems: College email, Microsoft Teams and "
  "the Arbor app. Staff must never:")
BUL([
    "send or accept \u201cfriend\u201d or \u201cfollow\u201d requests to or from current students;",
    "give students their personal mobile number, personal email address or user names;",
    "message students through apps such as WhatsApp or Snapchat, including group chats for clubs "
    "and teams;",
    "play online games with students or join gaming servers where students are present.",
])
P(("Former students. ", True),
  "Staff must not make contact with former students online until the young person is 18 "
  "AND left the College at least two years ago. Even then, think carefully, and tell the DSL if the "
  "young person still has brothers or sisters here.")
P(("Parents and carers. ", True),
  "Many of our staff live locally and are friends or relatives of parents, and we do not expect "
  "anyone to give up existing friendships. However:")
BUL([
    "close personal relationships with a parent or student should be declared to your line manager "
    "(Appendix B of the Staff Code of Conduct);",
    "a student\u2019s behaviour or progress must not be discussed through personal social media, "
    "even with a friend;",
    "staff should not comment on College matters in community groups such as \u201cAshburn Mams "
    "Chat\u201d or in parents\u2019 year-group WhatsApp groups.",
])
P("If a student contacts you through a personal account, do not reply. Keep a record and tell the "
  "DSL the same day; this can be a sign of a wider concern.")

# ---------------------------------------------------------------- 5
H1("5. Staff mobile phones and personal devices")
NUM([
    "Phones should be on silent and out of sight during lessons, tutor time, duties and whenever "
    "staff are supervising students.",
    "Personal calls and messages should be made in the staffroom, offices or other areas where "
    "students are not present.",
    "Staff must NEVER use a personal phone or device to photograph or film students. Where "
    "photographs are needed for displays, coursework evidence or College social media, a College "
    "iPad or camera must be used.",
    "Student data must not be stored on a personal device, except through Arbor or Microsoft 365 "
    "with two-factor authentication switched on.",
    ("On educational visits, a personal phone may be used to contact the College, the emergency "
     "services and, if no College phone is available, parents.", [
         "the visit leader should note this in the visit paperwork;",
         "parents\u2019 numbers should be deleted when the visit ends.",
     ]),
])

# ---------------------------------------------------------------- 6
CAPS("6. Students\u2019 mobile phones")
P("Highmoor operates an \u2018Off and Away\u2019 rule. Students may bring a phone for their journey "
  "to and from College, but from the moment they come through the gates until they leave it must "
  "be switched off (not just on silent) and kept in their bag.\n"
  "If a phone is seen or heard during the College day:")
NUM([
    "first occasion \u2013 the phone is confiscated and may be collected from Student Services at "
    "3.10pm;",
    "second occasion in the same half-term \u2013 as above, and a parent or carer is contacted;",
    "third and later occasions \u2013 a parent or carer must collect the phone in person, and the "
    "student may have to hand it in every morning for a fixed period.",
])
P("A student who relies on a medical app, such as a glucose monitor, will have this written into "
  "their Individual Healthcare Plan. Having a phone in an exam room is a JCQ breach and can lead to "
  "disqualification. Searches follow DfE guidance on "
  "searching, screening and confiscation.")

# ---------------------------------------------------------------- 7
H1("7. Photographs and video")
P("When a student joins the College, parents complete a consent form for the use of images, which "
  "can be withdrawn at any time. Consent is recorded on Arbor and staff MUST check it before using "
  "any image publicly. For students aged 13 and over we also take account of their own wishes.")
BUL([
    "only College devices are to be used, and images should be moved to the staff shared drive and "
    "deleted from the device within a week;",
    "particular care is needed in PE, swimming and drama;",
    "full names must not appear alongside photographs on the website or social media.",
])
P(("Parents filming at events. ", True),
  "Parents and carers are welcome to photograph and film their own child at Presentation Evening, "
  "Sports Day and the summer production. We ask that they:")
BUL([
    ("do not upload images which include other students to social media;", [
        "some students must not appear online for safeguarding reasons;",
        "a reminder will be given at the start of each event.",
    ]),
    "stop filming if asked to by a member of staff.",
])
P("Students may not film or photograph lessons, staff or other students; this is dealt with under "
  "the Behaviour Policy.")

# ---------------------------------------------------------------- 8
CAPS("8. Cyberbullying")
P("Cyberbullying is bullying carried out using technology: phones, social media, messaging apps, "
  "gaming platforms or email. It includes threatening or hurtful messages, spreading rumours, "
  "deliberately leaving someone out of a group chat, pretending to be someone else, and sharing "
  "embarrassing pictures or videos.")
P("The College will act on cyberbullying involving our students even when it happens outside "
  "College hours, where it affects their welfare or the good order of the College, as the "
  "Education and Inspections Act 2006 allows. Students who are being bullied online are told to:")
NUM([
    "not reply or retaliate;",
    "keep the evidence \u2013 screenshots, user names, dates and times;",
    "block the person and use the platform\u2019s reporting tools;",
    "tell an adult they trust.",
])
P("Staff should record cyberbullying on CPOMS and inform the Head of Year. Where there are threats "
  "of violence, hate crime or sexual content, the DSL must be told immediately. Staff should ask to "
  "see the material on the student\u2019s own device and note what they see; they should not ask for "
  "screenshots to be sent to them, and must never copy an image that might be indecent (see "
  "section 9).")

tbl = doc.add_table(rows=6, cols=3)
tbl.style = "Table Grid"
concern = tbl.cell(0, 0).merge(tbl.cell(1, 0))
who = tbl.cell(0, 1).merge(tbl.cell(0, 2))
concern.text = ""
concern.paragraphs[0].add_run("Concern").bold = True
who.text = ""
who.paragraphs[0].add_run("Who to tell").bold = True
who.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
for c, label in ((1, "In school"), (2, "Out of hours")):
    tbl.cell(1, c).text = ""
    tbl.cell(1, c).paragraphs[0].add_run(label).bold = True
body_rows = [
    ("Unkind messages or posts between students", "Form tutor or Head of Year",
     "Parent/carer; report it to the platform"),
    ("Threats, hate messages or blackmail", "DSL or Deputy DSL \u2013 straight away",
     "Police on 101 (999 if someone is in danger)"),
    ("A nude or semi-nude image has been shared", "DSL only \u2013 do not view or pass it on",
     "CEOP; Childline \u2018Report Remove\u2019"),
    ("Abuse aimed at a member of staff", "Headteacher or SLT", "Email the Headteacher; do not reply"),
]
for r, row in enumerate(body_rows, start=2):
    for c, val in enumerate(row):
        tbl.cell(r, c).text = val

P("")
P("Sanctions follow the Behaviour Policy and can include internal isolation, suspension or, in the "
  "most serious cases, permanent exclusion. The Durham Constabulary Safer Schools officer may be "
  "involved where an offence may have been committed.")

# ---------------------------------------------------------------- 9
H1("9. Sharing nudes and semi-nudes")
P("This means a young person under 18 sending or posting nude or semi-nude images or videos of "
  "themselves or another young person (sometimes called \u2018sexting\u2019). Making, having or "
  "sharing such an image of anyone under 18 is a criminal offence, even if the young person took it "
  "themselves. We follow the UKCIS advice Sharing nudes and semi-nudes: advice for education "
  "settings (2020). If you become aware of an image like this, you MUST:")
BUL([
    "report it to the DSL immediately, and always on the same day, and record it on CPOMS;",
    "if a device is involved, confiscate it, switch it off and hand it to the DSL;",
    "reassure the student that they have done the right thing.",
])
P("You must NOT:")
BUL([
    "view, copy, print, forward or save the image, or ask anyone else to;",
    "delete the image or ask the student to delete it;",
    "question the student about what the image shows, or contact the parents \u2013 the DSL will "
    "decide this;",
    "promise to keep it secret.",
])
P("If you see an image by accident, tell the DSL straight away so that this can be recorded.\n"
  "The DSL will decide whether the matter can be handled in school or must be referred to First "
  "Contact and/or the police. A referral is always made if an adult "
  "is involved or a child is under 13. Any allegation that a member of "
  "staff has shared or possessed indecent images of a child will be referred to the LADO within one "
  "working day.")

# ---------------------------------------------------------------- 10
CAPS("10. Official College accounts")
P("The College runs a Facebook page, an X account (@HighmoorCC) and a YouTube channel. Departments "
  "may only set up their own accounts, such as the PE department\u2019s Instagram, with written "
  "approval from the Headteacher. Every account must have at least two administrators, one of whom "
  "is a member of SLT.")
P("Official accounts are not used to answer complaints. Abusive comments, or those that identify "
  "students, will be removed.")

# ---------------------------------------------------------------- 11
H1("11. Online safety education")
P("Online safety is taught through Computing in Years 7 to 9, through Life Skills (PSHE and RSHE) in "
  "every year group, and in assemblies, including on Safer Internet Day. Topics include digital "
  "footprint, consent and the law on sharing images. Parents are invited to an online safety evening each autumn.")

# ---------------------------------------------------------------- 12
CAPS("12. Reporting concerns")
P("Any concern that a child may be at risk of harm online must be reported to the DSL without "
  "delay. Concerns about a member of staff go to the Headteacher, and concerns about the Headteacher "
  "to the Chair of Governors, Mr R. Bell, through the Clerk.")

# ---------------------------------------------------------------- 13
H1("13. Breaches of this policy")
P("A breach by a member of staff may be dealt with under the local authority\u2019s Disciplinary "
  "Procedure for Schools and, if serious, treated as gross misconduct which could lead to dismissal. "
  "Some breaches will also be referred to the police or the LADO.")

# ---------------------------------------------------------------- 14
CAPS("14. Legislation and guidance")
P("This policy takes account of the following (the list is not exhaustive):")
BUL([
    "Education and Inspections Act 2006",
    "Education Act 2011",
    "Malicious Communications Act 1988",
    "Communications Act 2003 (section 127)",
    "Protection from Harassment Act 1997",
    "Protection of Children Act 1978 and Criminal Justice Act 1988 (section 160)",
    "Data Protection Act 2018 and UK GDPR",
    "Computer Misuse Act 1990",
    "Online Safety Act 2023",
    "Keeping Children Safe in Education (DfE, 2023)",
    "Sexting in Schools and Colleges (UKCCIS, 2016)",
])

# ---------------------------------------------------------------- 15
H1("15. Monitoring and review")
P("The DSL will monitor how this policy is working and report online safety incidents to the "
  "Safeguarding Governor each term. The policy will be reviewed every year, or sooner if legislation "
  "or guidance changes.")
P("")
P("Signed: ______________________________ (Headteacher)\nDate: ____________")
P("Signed: ______________________________ (Chair of Governors)\nDate: ____________")

doc.save(OUT)
print("saved", OUT)
