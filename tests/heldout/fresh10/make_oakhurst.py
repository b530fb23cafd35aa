import math
import textwrap

HEADER = "Oakhurst Infant School \u2013 Online Safety and Social Media Policy"
PAGES = 6

# Lines starting with "~" are hard-wrapped at ~80 chars; every other line is kept as one line
# (as Word's plain-text export does with unwrapped paragraphs).
SRC = """\
OAKHURST INFANT SCHOOL
Online Safety and Social Media Policy
(including mobile phones, cameras and images)

Lime Tree Avenue, Oakhurst, Hampshire
Headteacher and Designated Safeguarding Lead: Mrs Jaswinder Patel
Deputy Designated Safeguarding Leads: Mr Tobi Okafor (Deputy Headteacher) and Miss Rachel Whitfield (EYFS Leader)
Online Safety Lead: Mrs Claire Denby (Computing Leader)
Safeguarding Link Governor: Mr Alan Hughes
Approved by the Full Governing Body: 21st November 2023
Date of next review: November 2024

1. Introduction and Purpose

~At Oakhurst we want our children to grow up confident, curious and safe – and that includes the time they spend online. Even our youngest pupils arrive in Reception having used tablets, smart speakers and video calls at home, and many play games such as Roblox and Minecraft with older brothers and sisters. We believe it is never too early to start learning how to be kind and safe online.

~This policy explains how we keep children safe when technology is used in school, what we expect of staff, volunteers and governors when they use social media and personal devices, and how we work with parents and carers. It should be read alongside our Safeguarding and Child Protection Policy and Staff Code of Conduct.

2. Who This Policy Applies To and What We Mean

This policy applies to:
•\tall teaching and support staff, including lunchtime supervisors and Breakfast and After-School Club staff;
•\tsupply staff, students on placement and visiting music teachers;
•\tgovernors;
•\tvolunteers, including parents who help with reading, swimming and trips;
•\tvisitors and contractors, where relevant.

~It applies at school and at home, in working hours or not, and whatever device is used.

In this policy:
•\t“Social media” means any online platform where people share content or chat, such as Facebook, Instagram, TikTok, WhatsApp and online games.
•\t“Parents” includes carers and anyone with parental responsibility.
•\t“Personal device” means any mobile phone, smartwatch, tablet, camera or laptop that belongs to an individual rather than to the school.
•\t“Former pupil” means a child who has left Oakhurst, including those now at Oakhurst Junior School next door.

3. Staff Use of Social Media

~We know that most staff use social media in their personal lives, and we have no wish to stop them. However, because of the trust that families place in us, staff must ALWAYS keep a clear line between their personal and professional lives.

Staff must:
1.\tset the privacy settings on personal accounts so that only people they have chosen can see their posts, and check them after app updates;
2.\tthink before posting – deleting something does not mean it has gone;
3.\tremember that they are role models for our children, even outside school.

Staff must NOT:
1.\tname Oakhurst Infant School as their employer on a personal profile, or post in a way which shows where they work;
2.\tpost anything about pupils, parents or families, even without names – including funny things children have said in class;
3.\tpost photographs or videos of pupils, on any account, for any reason;
4.\tcriticise or make fun of colleagues, governors or the school, or discuss school business online, including in private groups and direct messages;
o\tthis includes reacting to, or “liking”, other people’s posts about the school;
o\tworries about work should be raised with the Headteacher or through the Grievance Policy;
5.\tpost or share anything that could bring the school into disrepute or call into question their suitability to work with children.

~If a member of staff finds that they, or the school, are being discussed or criticised online, they should not reply, but should tell the Headteacher. The school will support anyone who is abused online.

4. Online Contact With Pupils, Former Pupils and Families

~Staff must NEVER communicate with pupils through social media, gaming platforms or personal messaging, and must not accept or send friend requests to any pupil, or any former pupil under the age of 18. If a request seems to come from a pupil, do not respond – tell the DSL.

~Parents. Staff should not accept friend requests from current parents. In a village like Oakhurst some staff are already friends or relatives of parents; this must be declared to the Headteacher, and school matters must never be discussed online. Staff who are also parents here take part in class WhatsApp groups as a parent only.

~All communication with parents goes through the school office, school email, ParentMail and, for Reception, Tapestry. Staff must not give parents personal phone numbers or email addresses.

5. Mobile Phones, Smartwatches and Other Devices

Staff
Our Early Years Foundation Stage must have a clear policy on phones and cameras, and we apply the same rules across the whole school.
1.\tPersonal mobile phones, and smartwatches with cameras, must be kept in the staff lockers in the staffroom during the school day. They must NOT be carried in classrooms, the hall, the playground, the toilets or changing areas while children are present.
2.\tStaff may use their phones in the staffroom or the school office during breaks, when no children are present.
3.\tFamily members should use the school office number in an emergency.
4.\tStaff must NEVER use a personal device to take photographs, video or audio recordings of pupils – in school, on trips or at any school event.
5.\tOn trips, the trip leader carries the school mobile phone. Other adults may carry their own phones for use in an emergency only:
o\tpersonal phones must not be used to contact parents unless the school phone cannot be used;
o\tany such use must be reported to the Headteacher on return.

~Visitors and parent helpers are asked at reception not to use phones where children are present.

Pupils
Pupils at Oakhurst do not need mobile phones and are NOT allowed to bring them to school. This includes smartwatches that can take photographs, make calls or send messages. If a child brings one, it is kept in the office and handed back to the parent at home time.

6. Photographs and Video

~Photographs are an important way of recording learning, especially in the Early Years. When a child starts at Oakhurst, parents complete a consent form which asks separately about:
•\timages used within school (for example on displays and in Tapestry);
•\timages in the school newsletter and on the school website;
•\timages on the school’s Facebook page;
•\timages which may be used by the local press.
~Parents can change their choices at any time. Class teachers keep a list of children without consent.

~Only school cameras and iPads may be used. Images must be uploaded to the staff area of the network or to Tapestry and deleted from the device every half term. We NEVER use children’s full names alongside their photographs.

~School performances. We love welcoming families to our Nativity and Harvest assembly. So that every child is safe – including children who must not appear online for safeguarding reasons – parents may NOT film or photograph during performances. At the end of each performance there will be a short “photo moment” when parents may take pictures of their own child. Please do not post pictures that include other children on social media. At Sports Day, photographs of your own child are welcome.

7. Our School’s Online Presence

~The school has a website and one official Facebook page, “Oakhurst Infant School”. It is managed by the School Business Manager, Mrs Lorraine Gibbs. Comments on posts are switched OFF, and the page is not used to answer questions or complaints – parents should contact the office instead. No other school, class or staff-run social media accounts are allowed.

8. Teaching Online Safety

~Online safety is taught through Computing and PSHE (Jigsaw) from Reception onwards, and through stories and circle time. Children learn that:
•\tthey should tell a grown-up they trust if anything online makes them feel sad, worried or confused;
•\tsome information is private, such as their full name, address and school;
•\tpeople online are not always who they say they are;
•\tbeing kind online is just as important as being kind in the playground.
~We use resources such as Childnet’s “Smartie the Penguin” and “Digiduck” stories, and we take part in Safer Internet Day every February. Children are always supervised online, and parents receive tips in the fortnightly newsletter.

9. Cyberbullying and Unkind Behaviour Online

~Cyberbullying means using technology – messages, games, apps or social media – to deliberately and repeatedly upset, frighten or humiliate someone. With infant-age children it is more likely to happen in games played at home than on social media, but we take it just as seriously.

If a child tells a member of staff that someone has been unkind to them online:
1.\tlisten, reassure the child and write down what they say in their own words;
2.\tlog the concern on CPOMS and tell the class teacher;
3.\tif there is any suggestion that an adult or older child is involved, or that the child may be at risk, tell the DSL straight away;
4.\tthe class teacher or a member of the Senior Leadership Team will then contact the parents of the children involved.

~Evidence. Staff should not ask young children to show them messages on a device; parents may share screenshots with the Headteacher. Staff must not copy, forward or save any material that may be indecent (see section 10).

~Adults. Some online bullying in a school community is between adults. Parents are reminded of our Parent Code of Conduct: concerns should be raised directly with the school, not on social media. Where posts about staff or families are abusive or untrue, the school will ask for them to be removed and may involve the police or restrict access to the site.

10. Nude and Semi-Nude Images

~Although this is rare at infant age, young children can be shown sexual images by others, be asked to take pictures of themselves, or innocently take photographs of other children. Any nude, semi-nude or sexual image of a child is a child protection matter, whatever the ages of the children involved.

If you become aware of such an image you MUST:
•\ttell the DSL (or a Deputy DSL in her absence) IMMEDIATELY;
•\tif the image is on a device, secure the device – switch it off and give it to the DSL;
•\trecord what you have been told on CPOMS, in the child’s own words, as soon as possible.

You must NOT:
•\tlook at the image (if you see it by accident, tell the DSL);
•\tcopy, print, share, save or delete the image, or ask anyone else to;
•\tquestion the child in detail or ask them to explain;
•\tcontact the parents yourself.
~The DSL will ALWAYS make a referral to Hampshire Children’s Services through the MASH when a child under 13 is involved, and will contact the police where appropriate. Concerns about a member of staff are reported to the LADO.

11. Reporting Concerns

~Any concern about a child’s safety online must be reported to the DSL like any other safeguarding concern – on CPOMS or, if urgent, in person. Concerns about staff go to the Headteacher; concerns about the Headteacher go to the Chair of Governors, Mrs Helen Marsh. Staff may also use the Whistleblowing Policy.

Anyone can report online sexual abuse directly to CEOP.

12. Breaches of This Policy

~Staff who breach this policy may face action under the school’s Disciplinary Policy. Serious breaches – such as inappropriate contact with pupils, using a personal phone to photograph children, or posting images of pupils – may be treated as gross misconduct and could lead to dismissal. Where a child may be at risk, the LADO will be told. Issues involving pupils are handled sensitively, in line with the Behaviour and Relationships Policy.

13. Legislation and Guidance

This policy has been written with reference to:
•\tChildren Act 1989 and Children Act 2004
•\tEducation Act 2002 (section 175)
•\tEducation and Inspections Act 2006
•\tData Protection Act 1998 and the General Data Protection Regulation
•\tMalicious Communications Act 1988
•\tCommunications Act 2003
•\tProtection from Harassment Act 1997
•\tProtection of Children Act 1978
•\tEquality Act 2010
•\tStatutory Framework for the Early Years Foundation Stage (2021)
•\tKeeping Children Safe in Education (2023)
•\tWorking Together to Safeguard Children (2018)
•\tSharing nudes and semi-nudes: advice for education settings (UKCIS, 2020)

14. Monitoring and Review

~The Online Safety Lead and the DSL will monitor how well this policy is working and report to the Safeguarding Link Governor each term. The Full Governing Body will review the policy every year, or sooner if national guidance changes.

Staff Acknowledgement
I have read and understood the Oakhurst Infant School Online Safety and Social Media Policy and I agree to follow it.

Name: ..............................................
Signed: ............................................
Date: ..............................................

Signed (Headteacher): J. Patel          Date: 21.11.2023
Signed (Chair of Governors): H. Marsh          Date: 21.11.2023
"""


def body_lines():
    out = []
    for line in SRC.split("\n"):
        if line.startswith("~"):
            out.extend(textwrap.wrap(line[1:], width=80, break_on_hyphens=False))
        else:
            out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out


def main(path):
    body = body_lines()
    per = math.ceil(len(body) / PAGES)
    pages = [body[i * per:(i + 1) * per] for i in range(PAGES)]
    chunks = []
    for n, pg in enumerate(pages, start=1):
        lines = [HEADER, ""] + pg + ["", f"Page {n} of {PAGES}"]
        chunks.append("\r\n".join(lines) if False else "\n".join(lines))
    text = "\n\f".join(chunks) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print("body lines", len(body), "per page", per, "page lengths", [len(p) + 4 for p in pages])


if __name__ == "__main__":
    main("/work/fresh10/oakhurst.txt")
