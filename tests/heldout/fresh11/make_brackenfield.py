#!/usr/bin/env python3
"""Build brackenfield.odt (a fictional primary school policy) by hand.

Standard library only: zipfile + hand-written ODF XML.  The mimetype entry
is written first and stored uncompressed, as the ODF packaging rules require.

Mini-markup used in the content below:
  **text**   -> bold span (automatic text style T1)
  \n         -> text:line-break
  2+ spaces  -> one literal space followed by text:s
"""
import os
import re
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "brackenfield.odt")

# ---------------------------------------------------------------------------
# Content.  Block types:
#   ("title", text) ("subtitle", text) ("h", level, text) ("p", text)
#   ("ul", items) ("ol", items)  -- an item is a string or (string, ("ul"/"ol", items))
#   ("table", [header_row, row, row ...])
# ---------------------------------------------------------------------------
DOC = [
    ("title", "Brackenfield Primary School"),
    ("subtitle", "Social Media, Mobile Devices and Online Conduct Policy"),
    ("p", "Policy owner: Mrs J. Whitcombe, Deputy Headteacher and Designated Safeguarding Lead\n"
          "Approved by the Full Governing Board: 14 November 2024\n"
          "Next review due: November 2025"),

    ("h", 1, "1. Purpose and scope"),
    ("p", "Brackenfield Primary School is a two-form-entry community primary for children aged 4 to 11, "
          "maintained by Trentvale County Council. Most of our families live within a mile or two of the "
          "school, and many staff, governors and parents know one another outside school. That closeness "
          "is a real strength, but it also means that anything posted online about school life travels "
          "round the town quickly and is hard to take back."),
    ("p", "This policy sets out what we expect when people use social media, messaging apps and mobile "
          "devices. It applies to:"),
    ("ul", [
        "all teaching and support staff, including supply and fixed-term staff;",
        "trainee teachers, volunteers and visiting sports coaches;",
        "governors;",
        "pupils, in a way that matches their age and understanding;",
        "parents and carers, in how they talk about the school community online.",
    ]),
    ("p", "It covers conduct on and off site, in and out of working hours, wherever it has a bearing on "
          "the school. Read it alongside our Child Protection and Safeguarding Policy, Staff Code of "
          "Conduct, Acceptable Use Agreements and Anti-Bullying Policy."),

    ("h", 1, "2. Definitions"),
    ("ul", [
        "**Social media** means any website or app that lets people share content or take part in an "
        "online community, such as Facebook, Instagram, TikTok, Snapchat, WhatsApp, YouTube, or games with "
        "a chat function like Roblox.",
        "**Personal device** means any phone, tablet, smartwatch, laptop or camera not owned by the school.",
        "**Parent** includes anyone with parental responsibility for a pupil or who cares for them day to day.",
        "**The DSL** is the Designated Safeguarding Lead (contact details in section 14).",
    ]),

    ("h", 1, "3. Our principles"),
    ("p", "Used well, social media helps us celebrate children's achievements and keep families informed. "
          "Used carelessly, it puts children at risk and damages trust. So: children's safety comes first; "
          "adults keep clear professional boundaries; and anything posted online is treated as public and "
          "permanent, whatever the privacy settings say."),

    ("h", 1, "4. Staff use of social media"),
    ("h", 2, "4.1 Personal accounts"),
    ("p", "Staff are entitled to a private life, and we have no wish to stop anyone using social media in "
          "their own time. However, all staff must:"),
    ("ul", [
        "use the strongest privacy settings available and check them each term, because platforms change "
        "their defaults without warning;",
        "not name Brackenfield Primary School as their employer on any personal profile, or post pictures "
        "in which the school logo, uniform or building can be recognised;",
        "never post or comment about pupils, their families or colleagues, even without names \u2013 in a "
        "town this size, people are easily identified;",
        "not discuss school business online, including staffing, inspections or complaints;",
        "stay out of school-related arguments in local Facebook groups, and never reply on the school's behalf.",
    ]),
    ("p", "Private messages and closed groups can be screenshotted in seconds. A useful test: would you be "
          "comfortable for the headteacher, a parent and a local reporter to read it?"),
    ("h", 2, "4.2 Bringing the school into disrepute"),
    ("p", "Online conduct that brings the school into disrepute, or calls into question an adult's "
          "suitability to work with children, is treated exactly as it would be offline. Staff with a "
          "genuine concern about practice in school should use the Whistleblowing Policy, not social media."),
    ("h", 2, "4.3 If you are targeted online"),
    ("p", "If you are abused, criticised or impersonated online, **do not reply**. Take screenshots, note "
          "the date and web address, and tell the headteacher, who will support you. That may mean speaking "
          "to a parent, asking the platform to remove content, or taking advice from the local authority. "
          "The Professionals Online Safety Helpline can also help."),

    ("h", 1, "5. Online contact with pupils, former pupils and parents"),
    ("p", "Here our rules are at their firmest. Staff must not:"),
    ("ol", [
        "send or accept friend or follow requests to or from any current pupil, on any platform;",
        "accept requests from former pupils under 18, which in practice means every child who has left "
        "us for secondary school;",
        "give pupils their personal phone number, email address or username;",
        "communicate with pupils except through approved systems (currently Seesaw, and school email for "
        "Year 6 transition projects);",
        "play online games with pupils or join servers that pupils are known to use.",
    ]),
    ("p", "Many of our staff are also Brackenfield parents. We do not expect anyone to end existing "
          "friendships, but staff already connected with a parent online must tell the headteacher and must "
          "not discuss school matters with them that way. Staff should not start new online connections "
          "with parents of children they teach."),
    ("p", "Staff must not join or run class parents' WhatsApp groups. If a pupil or parent contacts you "
          "through a personal account, do not reply: tell the DSL or headteacher the same day and record it "
          "on CPOMS."),

    ("h", 1, "6. Staff mobile phones and personal devices"),
    ("p", "Personal phones have no place in a classroom while children are there. At Brackenfield:"),
    ("ul", [
        "phones are kept on silent in the staffroom lockers during teaching time, not in a pocket;",
        "they may be used in the staffroom, office and PPA room when no children are present;",
        "in the Early Years unit, personal phones and camera-enabled smartwatches are **not permitted at "
        "all**;",
        "staff must never use a personal device to photograph, film or record pupils;",
        "trip leaders take the school trip phone, and any emergency use of a personal phone is reported to "
        "the headteacher afterwards;",
        "school email may be read on a personal device only with a passcode and multi-factor authentication.",
    ]),
    ("p", "Visitors and contractors are asked at reception to keep phones out of sight. Volunteers and "
          "students on placement follow the staff rules."),

    ("h", 1, "7. Pupils' mobile phones and smartwatches"),
    ("p", "Primary-age pupils do not need phones in school. We understand, though, that some Year 5 and 6 "
          "children walk home alone and parents want them to have a phone for the journey. In that case:"),
    ("ul", [
        "parents complete a permission form from the office;",
        "the phone is switched off at the gate and handed to the class teacher at registration;",
        "it is kept in a locked box in the office until 3.15pm;",
        "the school accepts no responsibility for loss or damage.",
    ]),
    ("p", "Smartwatches that can take photos, call or message are treated as phones. Phones are not allowed "
          "on residential trips; during the Year 6 week at Whitwell Edge, parents get an evening update by "
          "ParentMail."),
    ("p", "A phone found in use during the day goes to the office and is returned to a parent. Staff will "
          "not look through it. If it may hold something harmful, it is switched off and passed to the DSL "
          "(see section 10)."),

    ("h", 1, "8. Photographs and video"),
    ("h", 2, "8.1 Consent"),
    ("p", "When a child joins us, parents give or withhold consent for photographs in displays, the "
          "newsletter, the website and our Facebook page, and can change their choice at any time. Class "
          "teachers keep a list of children who must not be photographed, checked before anything is "
          "published. Looked-after children, and any child with a safeguarding reason, are never shown "
          "publicly."),
    ("h", 2, "8.2 Taking and storing images"),
    ("p", "Images of pupils are taken only on school devices, uploaded to the staff drive and deleted from "
          "the device within a week. They are never stored on home computers or personal cloud accounts, "
          "and full names are never published beside a photograph."),
    ("h", 2, "8.3 Parents at school events"),
    ("p", "Parents may photograph and film the nativity, sports day and class assemblies **for their own "
          "family use only**. Before each event we remind them that:"),
    ("ul", [
        "images including other people's children must not be posted on social media;",
        "they should stay seated and not block others' view;",
        "we may ask for filming to stop at particular points.",
    ]),
    ("p", "Where filming is unsafe, for example because of a court order, we tell parents beforehand and "
          "take approved photographs ourselves."),

    ("h", 1, "9. Cyberbullying"),
    ("p", "Cyberbullying is using technology \u2013 messages, group chats, games or social media \u2013 to "
          "hurt, frighten, exclude or humiliate someone deliberately and repeatedly. It follows a child home, "
          "which makes it especially upsetting. We see it mostly in group chats and games among older pupils, "
          "many of whom use apps below the minimum age."),
    ("p", "Children are taught to tell a trusted adult, not reply, keep the evidence, and block and report. "
          "Staff who learn of possible cyberbullying should:"),
    ("ol", [
        "listen calmly and reassure the child they did the right thing;",
        "record what was said on CPOMS, in the child's words;",
        "not ask to see the child's device unless really necessary, and never forward or copy images;",
        "tell the class teacher and a senior leader;",
        "tell the DSL at once if there are threats, sexual content or any mention of self-harm.",
    ]),
    ("p", "We follow the Anti-Bullying Policy even when incidents happen outside school hours, and contact "
          "the parents of everyone involved. Threats may be reported to the police. We ask parents not to "
          "confront other families online; please come and talk to us instead."),

    ("h", 1, "10. Nude and semi-nude images"),
    ("p", "Such incidents are rare at primary age but are always a safeguarding matter. We follow the UKCIS "
          "advice Sharing nudes and semi-nudes. A member of staff who becomes aware of an incident must:"),
    ("ul", [
        "report it to the DSL immediately, and always the same day;",
        "if a device is involved, take it, switch it off and hand it to the DSL;",
        "write down what they were told, without describing any image.",
    ]),
    ("p", "Staff must **never**:"),
    ("ul", [
        "view, copy, print, forward, save or share the image, or ask a child to show it;",
        "ask a child to delete it;",
        "question the children beyond establishing the basic facts;",
        "suggest the child is to blame.",
    ]),
    ("p", "The DSL decides whether to refer to children's social care or the police. Any incident involving "
          "a child under 13 is discussed with the Trentvale Children's Front Door, and if an adult is "
          "involved the police are always told. Families may be shown the Report Remove service from "
          "Childline and the Internet Watch Foundation."),

    ("h", 1, "11. The school's official accounts"),
    ("p", "The school has a Facebook page and uses Seesaw to share learning. Accounts are approved by the "
          "headteacher and managed by the school business manager; staff must not create accounts for a "
          "class, club or team. We:"),
    ("ul", [
        "only show children with consent, and never use surnames;",
        "turn off comments on posts showing children;",
        "never answer complaints in public;",
        "keep log-ins centrally and change passwords when an administrator leaves.",
    ]),

    ("h", 1, "12. Teaching online safety"),
    ("p", "Online safety is taught through computing, PSHE, assemblies and Safer Internet Day, planned from "
          "the Education for a Connected World framework:"),
    ("ul", [
        ("Early Years and Key Stage 1", ("ul", [
            "asking a grown-up before going online;",
            "what to do if something feels worrying.",
        ])),
        ("Lower Key Stage 2", ("ul", [
            "kindness online, and keeping passwords private;",
            "not everything online is true.",
        ])),
        ("Upper Key Stage 2", ("ul", [
            "social media age limits and group chats;",
            "digital footprints and image sharing, ready for secondary school.",
        ])),
    ]),
    ("p", "We also run an autumn workshop for parents."),

    ("h", 1, "13. Filtering and monitoring"),
    ("p", "Internet access comes through Trentvale's schools broadband service, which filters harmful "
          "content, and we work to the DfE filtering and monitoring standards. The DSL is responsible, "
          "supported by the computing lead and technician, who test the filtering each half-term and log "
          "the results. Staff laptops run monitoring software that alerts the DSL. Report any site that "
          "should be blocked, or is wrongly blocked, straight away."),

    ("h", 1, "14. Reporting concerns"),
    ("p", "If you are worried about a child, act at once; do not wait until you are sure."),
    ("table", [
        ["Concern", "Who to contact", "How"],
        ["A child may be at risk of harm",
         "Mrs Joanne Whitcombe (DSL) or deputy DSLs Mr Tom Ashworth and Mrs Nadia Kowalczyk",
         "In person, then record on CPOMS"],
        ["Online conduct of staff, volunteers or governors",
         "Mr Daniel Okafor, Headteacher",
         "In person or confidential email"],
        ["Conduct of the headteacher",
         "Mrs Ruth Ellery, Chair of Governors",
         "Through the clerk to governors"],
        ["Filtering fault or site to block",
         "Miss Priya Lal, Computing Lead",
         "Filtering form on the staff drive"],
        ["Allegation against an adult",
         "Local Authority Designated Officer (LADO)",
         "01632 960418"],
        ["Online sexual abuse or grooming",
         "CEOP",
         "www.ceop.police.uk"],
    ]),

    ("h", 1, "15. Breaches of this policy"),
    ("p", "Staff breaches are dealt with under the disciplinary procedure and may be gross misconduct; "
          "serious matters may be referred to the LADO, the Teaching Regulation Agency or the police. Pupils "
          "are dealt with under the Behaviour Policy, proportionately and with the aim of learning. If a "
          "parent posts abusive content about staff or pupils, we will invite them to meet us, and may then "
          "ask for removal, restrict access to the site or seek legal advice."),

    ("h", 1, "16. Legislation and guidance"),
    ("ul", [
        "Education and Inspections Act 2006 (regulating pupils' behaviour off site)",
        "Malicious Communications Act 1988 and Communications Act 2003",
        "Protection from Harassment Act 1997",
        "Protection of Children Act 1978 and Sexual Offences Act 2003",
        "Computer Misuse Act 1990",
        "Data Protection Act 1998",
        "Human Rights Act 1998 and Equality Act 2010",
        "Keeping Children Safe in Education (current edition)",
        "Statutory Framework for the Early Years Foundation Stage",
    ]),

    ("h", 1, "17. Monitoring and review"),
    ("p", "The DSL and computing lead review this policy annually, or sooner after a serious incident or "
          "change in guidance. The Safeguarding Committee looks at the online safety incident log each term."),

    ("h", 1, "18. Approval"),
    ("p", "Signed:  ______________________  Headteacher"),
    ("p", "Signed: ______________________ Chair of Governors"),
    ("p", "Date: 14 November 2024"),
]

# ---------------------------------------------------------------------------
# Inline conversion
# ---------------------------------------------------------------------------
_space_done = [False]


def inline(text):
    """Convert mini-markup to ODF inline XML."""
    out = []
    for i, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if i % 2 == 1:
            out.append('<text:span text:style-name="T1">%s</text:span>' % plain(part))
        else:
            out.append(plain(part))
    return "".join(out)


def plain(text):
    lines = text.split("\n")
    res = []
    for ln in lines:
        ln = escape(ln)

        def sp(m):
            # only the first run of repeated spaces in the document becomes text:s;
            # any later ones are collapsed to a single space.
            if _space_done[0]:
                return " "
            _space_done[0] = True
            return ' <text:s text:c="%d"/>' % (len(m.group(0)) - 1)

        ln = re.sub(r" {2,}", sp, ln)
        res.append(ln)
    return "<text:line-break/>".join(res)


def list_xml(kind, items, top=True):
    style = ' text:style-name="%s"' % ("L1" if kind == "ul" else "L2") if top else ""
    parts = ["<text:list%s>" % style]
    for it in items:
        parts.append("<text:list-item>")
        if isinstance(it, tuple):
            label, (subkind, subitems) = it
            parts.append('<text:p text:style-name="P1">%s</text:p>' % inline(label))
            parts.append(list_xml(subkind, subitems, top=False))
        else:
            parts.append('<text:p text:style-name="P1">%s</text:p>' % inline(it))
        parts.append("</text:list-item>")
    parts.append("</text:list>")
    return "".join(parts)


def table_xml(rows, n=[0]):
    n[0] += 1
    name = "Table%d" % n[0]
    ncols = len(rows[0])
    cols = "ABCDEFGH"
    x = ['<table:table table:name="%s" table:style-name="%s">' % (name, name)]
    for c in range(ncols):
        x.append('<table:table-column table:style-name="%s.%s"/>' % (name, cols[c]))
    x.append("<table:table-header-rows>")
    x.append(row_xml(rows[0], name, head=True))
    x.append("</table:table-header-rows>")
    for r in rows[1:]:
        x.append(row_xml(r, name, head=False))
    x.append("</table:table>")
    return "".join(x)


def row_xml(cells, name, head):
    pstyle = "Table_20_Heading" if head else "Table_20_Contents"
    cstyle = "%s.A1" % name if head else "%s.A2" % name
    x = ["<table:table-row>"]
    for c in cells:
        x.append('<table:table-cell table:style-name="%s" office:value-type="string">'
                 '<text:p text:style-name="%s">%s</text:p></table:table-cell>' % (cstyle, pstyle, inline(c)))
    x.append("</table:table-row>")
    return "".join(x)


def body_xml():
    out = []
    for block in DOC:
        kind = block[0]
        if kind == "title":
            out.append('<text:p text:style-name="Title">%s</text:p>' % inline(block[1]))
        elif kind == "subtitle":
            out.append('<text:p text:style-name="Subtitle">%s</text:p>' % inline(block[1]))
        elif kind == "h":
            lvl = block[1]
            out.append('<text:h text:style-name="Heading_20_%d" text:outline-level="%d">%s</text:h>'
                       % (lvl, lvl, inline(block[2])))
        elif kind == "p":
            out.append('<text:p text:style-name="Text_20_body">%s</text:p>' % inline(block[1]))
        elif kind in ("ul", "ol"):
            out.append(list_xml(kind, block[1]))
        elif kind == "table":
            out.append(table_xml(block[1]))
        else:
            raise ValueError(kind)
    return "\n".join(out)


NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"')

FONT_DECLS = """<office:font-face-decls>
<style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/>
<style:font-face style:name="OpenSymbol" svg:font-family="OpenSymbol" style:font-charset="x-symbol"/>
</office:font-face-decls>"""


def bullet_levels():
    x = []
    chars = ["\u2022", "\u25e6", "\u25aa"]
    for lvl in range(1, 4):
        indent = 0.635 * lvl
        x.append('<text:list-level-style-bullet text:level="%d" text:style-name="Bullet_20_Symbols" '
                 'text:bullet-char="%s"><style:list-level-properties '
                 'text:list-level-position-and-space-mode="label-alignment">'
                 '<style:list-level-label-alignment text:label-followed-by="listtab" '
                 'text:list-tab-stop-position="%.3fcm" fo:text-indent="-0.635cm" fo:margin-left="%.3fcm"/>'
                 '</style:list-level-properties></text:list-level-style-bullet>'
                 % (lvl, chars[lvl - 1], indent, indent))
    return "".join(x)


def number_levels():
    x = []
    for lvl in range(1, 3):
        indent = 0.635 * lvl
        fmt = "1" if lvl == 1 else "a"
        x.append('<text:list-level-style-number text:level="%d" text:style-name="Numbering_20_Symbols" '
                 'style:num-suffix="." style:num-format="%s"><style:list-level-properties '
                 'text:list-level-position-and-space-mode="label-alignment">'
                 '<style:list-level-label-alignment text:label-followed-by="listtab" '
                 'text:list-tab-stop-position="%.3fcm" fo:text-indent="-0.635cm" fo:margin-left="%.3fcm"/>'
                 '</style:list-level-properties></text:list-level-style-number>'
                 % (lvl, fmt, indent, indent))
    return "".join(x)


def content_xml():
    auto = (
        "<office:automatic-styles>"
        '<style:style style:name="Table1" style:family="table">'
        '<style:table-properties style:width="16.5cm" table:align="margins"/></style:style>'
        '<style:style style:name="Table1.A" style:family="table-column">'
        '<style:table-column-properties style:column-width="6cm"/></style:style>'
        '<style:style style:name="Table1.B" style:family="table-column">'
        '<style:table-column-properties style:column-width="5.5cm"/></style:style>'
        '<style:style style:name="Table1.C" style:family="table-column">'
        '<style:table-column-properties style:column-width="5cm"/></style:style>'
        '<style:style style:name="Table1.A1" style:family="table-cell">'
        '<style:table-cell-properties fo:background-color="#d9e2f3" fo:padding="0.1cm" '
        'fo:border="0.5pt solid #000000"/></style:style>'
        '<style:style style:name="Table1.A2" style:family="table-cell">'
        '<style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>'
        '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="List_20_Contents"/>'
        '<style:style style:name="T1" style:family="text">'
        '<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" '
        'style:font-weight-complex="bold"/></style:style>'
        '<text:list-style style:name="L1">%s</text:list-style>'
        '<text:list-style style:name="L2">%s</text:list-style>'
        "</office:automatic-styles>" % (bullet_levels(), number_levels())
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-content %s office:version="1.3">%s%s'
            "<office:body><office:text>"
            '<text:sequence-decls>'
            '<text:sequence-decl text:display-outline-level="0" text:name="Table"/>'
            '</text:sequence-decls>\n%s\n'
            "</office:text></office:body></office:document-content>"
            % (NS, FONT_DECLS, auto, body_xml()))


def styles_xml():
    def pstyle(name, display, parent=None, cls="text", props="", tprops="", extra=""):
        par = ' style:parent-style-name="%s"' % parent if parent else ""
        disp = ' style:display-name="%s"' % display if display != name else ""
        return ('<style:style style:name="%s"%s style:family="paragraph"%s style:class="%s"%s>'
                '%s%s</style:style>'
                % (name, disp, par, cls, extra,
                   "<style:paragraph-properties %s/>" % props if props else "",
                   "<style:text-properties %s/>" % tprops if tprops else ""))

    styles = "".join([
        '<style:default-style style:family="paragraph"><style:paragraph-properties '
        'style:tab-stop-distance="1.251cm"/><style:text-properties style:font-name="Liberation Sans" '
        'fo:font-size="11pt" fo:language="en" fo:country="GB"/></style:default-style>',
        pstyle("Standard", "Standard"),
        pstyle("Heading", "Heading", "Standard", extra=' style:next-style-name="Text_20_body"',
               props='fo:margin-top="0.423cm" fo:margin-bottom="0.212cm" fo:keep-with-next="always"',
               tprops='fo:font-size="14pt"'),
        pstyle("Text_20_body", "Text body", "Standard",
               props='fo:margin-top="0cm" fo:margin-bottom="0.247cm" fo:line-height="115%"'),
        pstyle("List_20_Contents", "List Contents", "Standard", cls="html",
               props='fo:margin-bottom="0.1cm"'),
        pstyle("Title", "Title", "Heading", cls="chapter",
               props='fo:text-align="center"', tprops='fo:font-size="24pt" fo:font-weight="bold"'),
        pstyle("Subtitle", "Subtitle", "Heading", cls="chapter",
               props='fo:text-align="center"', tprops='fo:font-size="16pt"'),
        pstyle("Heading_20_1", "Heading 1", "Heading",
               extra=' style:default-outline-level="1"',
               tprops='fo:font-size="15pt" fo:font-weight="bold" fo:color="#1f3864"'),
        pstyle("Heading_20_2", "Heading 2", "Heading",
               extra=' style:default-outline-level="2"',
               tprops='fo:font-size="12.5pt" fo:font-weight="bold"'),
        pstyle("Table_20_Contents", "Table Contents", "Standard", cls="extra"),
        pstyle("Table_20_Heading", "Table Heading", "Table_20_Contents", cls="extra",
               tprops='fo:font-weight="bold"'),
        '<style:style style:name="Bullet_20_Symbols" style:display-name="Bullet Symbols" '
        'style:family="text"><style:text-properties style:font-name="OpenSymbol"/></style:style>',
        '<style:style style:name="Numbering_20_Symbols" style:display-name="Numbering Symbols" '
        'style:family="text"/>',
        '<text:outline-style style:name="Outline">'
        + "".join('<text:outline-level-style text:level="%d" style:num-format=""/>' % i for i in range(1, 11))
        + "</text:outline-style>",
    ])
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-styles %s office:version="1.3">%s'
            "<office:styles>%s</office:styles>"
            "<office:automatic-styles>"
            '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21.001cm" '
            'fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" '
            'fo:margin-bottom="2cm" fo:margin-left="2.25cm" fo:margin-right="2.25cm"/></style:page-layout>'
            "</office:automatic-styles>"
            '<office:master-styles><style:master-page style:name="Standard" '
            'style:page-layout-name="pm1"/></office:master-styles>'
            "</office:document-styles>" % (NS, FONT_DECLS, styles))


def meta_xml():
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-meta %s office:version="1.3"><office:meta>'
            "<meta:generator>LibreOffice/7.6.4.1$Windows_X86_64 LibreOffice_project/e19e193f88cd6c0525a17fb7a176ed8e6a3e2aa1</meta:generator>"
            "<dc:title>Social Media, Mobile Devices and Online Conduct Policy</dc:title>"
            "<meta:initial-creator>J Whitcombe</meta:initial-creator>"
            "<meta:creation-date>2024-10-21T16:02:11.000000000</meta:creation-date>"
            "<dc:date>2024-11-15T08:47:30.000000000</dc:date>"
            "<dc:creator>Office Brackenfield</dc:creator>"
            "<dc:language>en-GB</dc:language>"
            "</office:meta></office:document-meta>" % NS)


MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def main():
    content = content_xml()
    styles = styles_xml()
    with zipfile.ZipFile(OUT, "w") as z:
        zi = zipfile.ZipInfo("mimetype", date_time=(2024, 11, 15, 8, 47, 30))
        zi.compress_type = zipfile.ZIP_STORED
        z.writestr(zi, "application/vnd.oasis.opendocument.text")
        for name, data in (("content.xml", content), ("styles.xml", styles),
                           ("meta.xml", meta_xml()), ("META-INF/manifest.xml", MANIFEST)):
            zi = zipfile.ZipInfo(name, date_time=(2024, 11, 15, 8, 47, 30))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data.encode("utf-8"))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
