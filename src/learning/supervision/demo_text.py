# ruff: noqa: E501  (prose: one line per passage reads better than wrapped strings)
"""The words of the demo council's supervision records: fictional reflections, personal
sections, case discussions and reviews, written in the voice of children's social work in
England. No real person or case: children are described, never named; the only names that
appear anywhere in the demo are those of the demo council's own (made-up) staff.

Data only, used by :mod:`learning.supervision.demo`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    """One thing reflected on, told through every stage a reflective model may ask for."""

    what: str  # experience, concrete experience, description
    feel: str  # reflection, reflective observation, feelings
    good: str  # evaluation (Gibbs)
    sense: str  # analysis, abstract conceptualisation
    conclude: str  # conclusion (Gibbs)
    next: str  # action planning, active experimentation, action plan


#: Which part of a scenario answers each reflective stage (reflective_models.json).
STAGE_PARTS = {
    "experience": "what", "concrete_experience": "what", "description": "what",
    "reflection": "feel", "reflective_observation": "feel", "feelings": "feel",
    "evaluation": "good",
    "analysis": "sense", "abstract_conceptualisation": "sense",
    "conclusion": "conclude",
    "action_planning": "next", "active_experimentation": "next", "action_plan": "next",
}

PRACTICE = (
    Scenario(
        "We reviewed the child in need plan for the third time and the actions were almost word for word the same as in the spring.",
        "I felt embarrassed reading it back. I had told myself things were ticking along because the family were always polite when I visited.",
        "The family did engage with the parenting course. What did not go well is that nobody checked whether anything changed for the children.",
        "This looks like drift: a plan that describes activity, not outcomes. Starting again gives a sense of progress without any change for the children.",
        "I could have asked at the first review what would tell us the plan was working, and named a point at which we would escalate.",
        "Rewrite the plan with two measurable goals, agree a review date in six weeks, and discuss stepping up to a strategy discussion if nothing has shifted.",
    ),
    Scenario(
        "I did the Three Houses with the seven-year-old at school. The house of worries had shouting at bedtime and the dog being kicked.",
        "I was moved by how carefully the child drew it. It was the first time the child's own view has been written on the file in the child's own words.",
        "Using school as a neutral place worked well; I rushed the house of dreams at the end because the bell went.",
        "The child is describing the same incidents the neighbour reported, which makes the account more credible, not less.",
        "Next time I will book a longer slot and bring the drawings back for the child to check what I wrote.",
        "Share the three houses with mum and dad using the child's words, and use them to shape the danger statement for the conference.",
    ),
    Scenario(
        "The home visit ended early: dad was shouting at the door, the dog was loose and I could not see the baby.",
        "My hands were shaking in the car afterwards. I kept replaying whether I should have pushed harder to see the baby.",
        "I left safely and rang my manager straight away, which was right. I had not checked the lone working log before going.",
        "His anger is about fear of the children being removed. That does not reduce the risk, but it tells me how to approach the next visit.",
        "I made a safe decision in the moment. The gap is that the baby was not seen, and that has to be resolved today, not next week.",
        "Joint visit with the police within 24 hours, see the baby, and agree a visiting plan with two workers until the risk is understood.",
    ),
    Scenario(
        "Final hearing week: three days of evidence and I was cross-examined for most of an afternoon about why the plan changed in the summer.",
        "I felt exposed and defensive, as if every decision I had made was on trial rather than the evidence about the children.",
        "My chronology held up well. My statement was thin on why we moved from rehabilitation to adoption.",
        "Court tests rationale, not effort. Where the reasons for a decision were only in my head, they were hard to evidence months later.",
        "Recording the why at the time of each decision would have made the afternoon far easier.",
        "Add a short rationale to every case note that records a decision, and ask legal for a debrief after each hearing.",
    ),
    Scenario(
        "A hard week: two emergency placements on the same day, late finishes on three evenings and a duty shift on top.",
        "I am running on empty. I snapped at my partner on Thursday and felt guilty about it all weekend.",
        "The team pulled together and the children were safe each night. I did not take a break on any day.",
        "This is not a one-off; it is what happens when vacancies are covered by goodwill. Resilience is not something I can keep drawing on without limit.",
        "I need to say sooner when I am at capacity rather than waiting for my manager to notice.",
        "Take the time off in lieu this week, protect Friday afternoon for recording, and look again at my allocation in the workload review.",
    ),
    Scenario(
        "I went to the contextual safeguarding session and kept thinking about the fifteen-year-old who goes missing from the retail park at weekends.",
        "I felt that we have been treating his parents as the problem when the harm is happening outside the home.",
        "The session gave me language for this. I have not yet shared it with the school or youth workers.",
        "Our assessment focuses on the family. The places and peer groups where he is exploited are not in it at all.",
        "I need to assess the context as well as the family, and bring in the people who hold safety in those places.",
        "Map his peer network and the places he goes with youth justice, and ask for a contextual safeguarding meeting about the retail park.",
    ),
    Scenario(
        "Unannounced visit: the kitchen had no food except dry cereal, the children's beds were soaked and the youngest had nappy rash.",
        "I felt a mix of sadness and frustration. Mum had promised last month that things would be different.",
        "Mum was honest about being overwhelmed, which opens a door. The plan has relied on her promises rather than what we can see.",
        "The pattern over time matters more than any single visit. The chronology shows the same picture at four visits since the summer.",
        "Neglect is cumulative, and I have been judging each visit on its own.",
        "Complete the graded care profile with mum, share the chronology at core group and seek legal advice on whether threshold for pre-proceedings is met.",
    ),
    Scenario(
        "The police and I disagreed in the strategy discussion: they did not think the bruising met the threshold for a joint investigation.",
        "I felt I was not being listened to and I was not confident enough to challenge it in the meeting.",
        "I raised it with my manager the same day and we asked for the strategy discussion to be reconvened. That was the right step.",
        "Different agencies hold different thresholds and the escalation policy exists for exactly this. Professional challenge is part of the job, not a personal conflict.",
        "I would challenge in the meeting next time, using the escalation policy by name.",
        "Read the escalation protocol again and rehearse with my manager how I would put the challenge in the meeting.",
    ),
    Scenario(
        "Parenting assessment session with a mum who has a learning disability: she could not remember the points from our last meeting.",
        "I realised I had been talking too much and using words she did not understand. I felt I was setting her up to fail.",
        "When I used pictures and short sessions she took more in. I had not arranged an advocate, which she is entitled to.",
        "A fair assessment has to be adapted to the parent. Without that we are assessing her disability, not her parenting.",
        "I should have checked the parenting assessment approach for parents with learning disabilities before I started.",
        "Refer for an advocate, move to shorter sessions with visual aids, and use the specialist assessment tool.",
    ),
    Scenario(
        "Mum again said the incident was just an argument, although the children had heard him threaten to kill her.",
        "I was frustrated, then caught myself: she is managing a risk I do not live with.",
        "She agreed to see the domestic abuse worker. I had not spoken to dad about his behaviour at all, only to her about protecting the children.",
        "Minimisation is often a survival strategy. Holding the perpetrator to account is our job, not hers.",
        "The plan puts all the responsibility on the non-abusing parent, which is a pattern I want to break.",
        "Meet dad to talk about his behaviour and its impact on the children, refer him to the perpetrator programme, and update the safety plan with the children.",
    ),
    Scenario(
        "The sixteen-year-old was found in another county with cash and two phones. It is the fourth missing episode in a month.",
        "I feel we are always a step behind, and I worry about what happens to him before we catch up.",
        "The return home interview was done quickly and he spoke to the youth worker he trusts. The referral into the national referral mechanism is still not made.",
        "He is a victim of criminal exploitation, not an offender, and our language in the records needs to say so.",
        "We have been responding to each episode instead of disrupting the exploitation.",
        "Make the national referral mechanism referral, ask for a disruption plan at the exploitation panel, and change the wording on the file.",
    ),
    Scenario(
        "At the child protection conference the parents said they had not seen my report until they walked in.",
        "I felt ashamed. I would hate to be on the receiving end of that.",
        "The conference made a sound decision. The parents spent most of it angry about process, not talking about the children.",
        "Sharing reports late undermines partnership and makes it harder for parents to hear the worries.",
        "I should have shared the report at least two working days before, and gone through it with them.",
        "Book time to share every conference report face to face, at least two working days before the conference.",
    ),
    Scenario(
        "Pre-birth assessment: mum's three older children were adopted and she is now twenty-six weeks pregnant with a new partner.",
        "I noticed myself hoping things would be different this time and then worrying that hope was clouding my judgement.",
        "She has stayed in treatment for eight months and the midwife sees real change. The new partner has not been assessed at all.",
        "Past harm is relevant but it is not destiny; the test is evidence of sustained change, and who else is around the baby.",
        "We need to be clear about what would need to be true for the baby to go home from hospital with her.",
        "Assess the partner, agree the safety goal with mum in plain words, and plan a family network meeting before thirty weeks.",
    ),
    Scenario(
        "The respite placement for the disabled ten-year-old has broken down and his parents told me they cannot carry on.",
        "I felt helpless because there is no other respite provision available for months.",
        "The parents trusted me enough to say it out loud. We have not done a carer's assessment for them in two years.",
        "This is a family under huge strain. The risk comes from exhaustion, not from a lack of love.",
        "Short breaks are preventive; losing them moves the family towards crisis.",
        "Complete carers' assessments for both parents, escalate the short breaks gap to the service manager, and ask about direct payments.",
    ),
    Scenario(
        "I worked with an interpreter for the first time on a visit to a family who arrived from overseas last year.",
        "I felt clumsy and I think the mother picked up on it. Some of my questions took a long time to come back.",
        "The interpreter was skilled. I forgot to brief them beforehand and spoke to the interpreter rather than to mum.",
        "Interpreted conversations need more planning and time, and the family's trust depends on feeling spoken to directly.",
        "I should brief interpreters before every visit and check words like safety and plan, which may not translate simply.",
        "Book a pre-meeting with the interpreter before each visit and double the visit time in my diary.",
    ),
    Scenario(
        "The twelve-year-old has not been in school for five weeks. School see it as a behaviour problem; mum says she is scared to go.",
        "I was irritated by the school's tone in the meeting, and then I wondered whether I was taking sides.",
        "The girl talked to me on a walk when she would not talk at home. Nobody has asked her what happens at school.",
        "Anxiety-based avoidance and neglect can look the same from the outside. We need her account before deciding which this is.",
        "My job is to bring her voice into the room rather than choose between school and mum.",
        "Complete a one-to-one session with her using the worry scale, and hold a joint meeting with school and the education welfare officer.",
    ),
    Scenario(
        "The family group conference produced a safety plan written by the family: grandad to stay four nights a week, an aunt to do the school run.",
        "I felt relief and some humility. The family found answers I would not have thought of.",
        "The plan is specific and owned by the network. We have not yet tested whether grandad understands the worries.",
        "Families are more likely to keep plans they wrote. The network needs to know the danger statement, not just the tasks.",
        "Our role now is to check the plan works, not to rewrite it.",
        "Meet the network to go through the danger statement in plain words, and review the plan with them in four weeks.",
    ),
    Scenario(
        "The eight-year-old moved to his third foster home this year after the placement ended at short notice.",
        "I felt angry on his behalf and guilty for being part of the system that keeps moving him.",
        "I made sure he had his things and his favourite blanket, and explained the move myself. Life story work has stopped completely.",
        "Each move tells him adults do not stay. Placement instability is itself a harm we are causing.",
        "Stability has to come first in his care plan, ahead of matching on convenience.",
        "Ask for a stability meeting with the fostering team, restart life story work, and write to him explaining why the move happened.",
    ),
    Scenario(
        "Pathway plan review with a young person turning eighteen next month. She still does not know where she will live.",
        "I felt we had let her down. She was calm in the meeting but I could see she was frightened.",
        "She led parts of the meeting, which was great to see. The housing application went in far too late.",
        "Transitions for care leavers need to start at sixteen; we started this one at seventeen and a half.",
        "We should treat the housing plan as urgent from the first pathway plan, not the last.",
        "Escalate the housing application, ask the carers about staying put, and agree a weekly call with her until she moves.",
    ),
    Scenario(
        "Supervised contact: the five-year-old cried and clung to the foster carer for an hour afterwards.",
        "It was painful to watch. I found myself wanting to stop contact altogether and I know that is not my decision alone.",
        "The contact worker's recording was detailed. We have not asked the child what contact is like for her.",
        "Distress after contact can mean many things: missing her mum, confusion, or fear. We need to understand which.",
        "Decisions about contact should follow the child's experience, gathered carefully over time.",
        "Use the words and pictures approach with her about contact, and review the contact plan at the next looked after review.",
    ),
    Scenario(
        "Dad's hair strand test came back positive for cocaine, although he told me at every visit he was clean.",
        "I felt deceived and a bit foolish for believing him.",
        "I kept the relationship going and he did not disengage when I shared the result. The plan had no contingency for relapse.",
        "Relapse is part of recovery for many parents. The question is what it means for the children's safety today.",
        "Planning for relapse from the start would have made this moment less of a crisis.",
        "Agree a relapse plan with dad and the network, and ask the drug service for a joint review.",
    ),
    Scenario(
        "I realised I had not spoken to dad in three months of working with the family. He lives separately and sees the children every weekend.",
        "I was uncomfortable when I noticed it. I had assumed he was not interested.",
        "Once I rang him he was keen to be involved and had useful things to say about the children.",
        "Fathers are often invisible in assessments. Leaving him out was both a risk and a missed resource.",
        "Every assessment should include both parents unless there is a clear reason not to.",
        "Visit dad at home, include him in the plan, and ask the team to do a quick audit of fathers in our assessments.",
    ),
    Scenario(
        "I prepared a words and pictures explanation for the two children who came into care last month.",
        "I felt nervous showing it to mum because it describes what she did. She cried and then helped me change some of the words.",
        "It was honest and gentle. It took four drafts and I nearly gave up.",
        "Children need a story they can understand to make sense of why they are not at home. Without one they fill the gaps with blame.",
        "Doing it with mum made it a shared account rather than our version.",
        "Share it with the children with their foster carer present, and leave a copy for their life story book.",
    ),
    Scenario(
        "My caseload reached twenty-two children this month and my recording is three weeks behind.",
        "I feel like I am failing the children and I dread opening my inbox on Monday mornings.",
        "I have kept statutory visits in time. Recording has slipped, and so has my own reading.",
        "Caseloads above the weighting threshold mean something has to give. Hidden backlogs are a risk for the children and for me.",
        "I need the workload discussed openly, not managed by my working evenings.",
        "Do the workload snapshot together, agree which cases can transfer, and block two recording days in the diary.",
    ),
    Scenario(
        "In a visit I made assumptions about why the family did not want a male worker, and I got it wrong.",
        "I felt embarrassed when mum explained it was about her own history, not her culture.",
        "I apologised and asked what would help, which she appreciated. I had not read the previous assessment first.",
        "My assumptions about culture filled a gap that curiosity should have filled.",
        "Cultural humility means asking rather than assuming, and reading before visiting.",
        "Read the full history before any first visit, and bring this to the team's reflective session on anti-racist practice.",
    ),
    Scenario(
        "The fourteen-year-old has been self-harming again. The mental health service waiting list is twelve weeks.",
        "I feel anxious every time my phone rings. I am carrying this one home.",
        "She agreed a safety plan with me and named two adults she would text. School have not been told what the plan is.",
        "While she waits for treatment, the safety plan and the people around her are the main protective factors.",
        "We need a network around her, not just a referral.",
        "Share the safety plan with school and her carer with her permission, and ask for the waiting list to be reviewed given the risk.",
    ),
    Scenario(
        "I reviewed the section 20 agreement for the baby placed with foster carers four months ago.",
        "I was uneasy. I am not sure mum understood she could end it at any time.",
        "The placement is stable and the baby is thriving. There is no plan for permanence and no legal oversight.",
        "Voluntary accommodation should not drift. Without a plan, the baby's future is being decided by default.",
        "We should have considered pre-proceedings at the first review.",
        "Check mum's understanding with an advocate present, and take the case to the legal gateway panel next week.",
    ),
    Scenario(
        "Mum was admitted to hospital under the mental health act and the two children went to stay with their grandmother.",
        "I felt for the children. They had seen mum very unwell in the days before.",
        "Grandmother stepped in immediately and the children know her well. We have not assessed her as a kinship carer yet.",
        "The arrangement is safe for now but needs a legal footing and support for grandmother.",
        "Kinship arrangements made in a crisis need assessing quickly or they become fragile.",
        "Start the connected person assessment, visit the children at grandmother's home, and explain to them what is happening with mum.",
    ),
    Scenario(
        "A thirteen-year-old shared images online and they have been passed around her year group.",
        "I felt protective of her and angry at how the school first handled it.",
        "She told her mum, which shows real trust at home. School initially treated her as the one in trouble.",
        "Online harm spreads fast and shame stops children telling. The response needs to focus on her safety, not blame.",
        "We should follow the guidance on sharing nudes and agree one message with school and police.",
        "Meet school and the police to agree a single plan, report the images for removal, and check she knows where to get support.",
    ),
    Scenario(
        "We completed the graded care profile with mum over two sessions.",
        "I felt more confident than I expected and less like an inspector.",
        "Mum scored herself lower than I did on some areas, which surprised me. We did not finish the section on love and care.",
        "Doing the tool together created a shared picture of what good enough care looks like.",
        "Structured tools help, as long as they are done with the family rather than to them.",
        "Finish the last section with mum, agree three priorities from it, and review the same areas in two months.",
    ),
    Scenario(
        "I visited an eleven-year-old who is the main carer for her mum, who has multiple sclerosis.",
        "I felt sad and full of admiration. She talked about medication times like an adult would.",
        "She was proud of what she does. Nobody has referred her to the young carers service.",
        "Caring responsibilities are affecting her school attendance and friendships. She needs support, not a rescue that takes her role away.",
        "Young carers are often hidden, and she only came to our attention through school.",
        "Refer to the young carers service, ask adult social care about a care package for mum, and tell school about her caring role.",
    ),
    Scenario(
        "I am writing the sibling assessment for two brothers who may be adopted, together or apart.",
        "I feel the weight of this. Whatever I recommend will shape their whole lives.",
        "I have seen them together many times and their carers' observations are rich. I have not yet spoken with each boy alone about the other.",
        "Sibling relationships are often the longest relationships in a life. The evidence on separation needs weighing against the chance of a family.",
        "The recommendation must rest on their relationship as it is, not on how hard it is to find a family for two.",
        "Spend time with each boy separately, consult the adoption team on family finding, and take it to the permanence panel.",
    ),
    Scenario(
        "I brought a case where I felt stuck to group supervision. Colleagues offered three different hypotheses about why the family keeps disengaging.",
        "I felt exposed at first and then relieved that others found the case hard too.",
        "The hypotheses opened up ways in I had not thought of. We ran out of time before agreeing which to test.",
        "Working systemically helps me hold more than one explanation at once, instead of settling on resistance.",
        "Bringing stuck cases to the group earlier would save weeks.",
        "Test the hypothesis about the grandmother's influence at the next visit and bring the result back to the group.",
    ),
    Scenario(
        "During a visit the nine-year-old told me that her stepdad hits her brother with a belt.",
        "I kept calm in the moment, but afterwards I felt sick and kept wondering whether I had asked leading questions.",
        "I listened, did not promise to keep it secret and told her what would happen next. My notes were written within the hour.",
        "Handling a disclosure well protects the child and the evidence. My training came back to me under pressure.",
        "I did what the procedures ask. I need to look after myself after visits like this.",
        "Strategy discussion today, a visit to see her brother, and time to debrief with my manager at the end of the day.",
    ),
    Scenario(
        "A parent posted my photo and threatening comments about me on social media.",
        "I felt frightened for the first time in this job, and worried about my own children.",
        "My manager acted quickly and the post was reported. I had not checked what was public on my own accounts.",
        "Threats like this are aimed at stopping the work. The organisation has a duty to keep me safe so I can carry on.",
        "Personal safety needs planning, not just reacting once something happens.",
        "Complete the incident report, review my privacy settings, agree joint visits for now and ask about the staff support line.",
    ),
    Scenario(
        "My first month in the team as a newly qualified social worker.",
        "I feel like an impostor sometimes, especially in meetings with experienced professionals.",
        "I have been welcomed and I ask questions freely. I struggle to prioritise when everything feels urgent.",
        "Feeling out of my depth is a normal part of the ASYE. Protected caseload and supervision exist for this reason.",
        "Asking is a strength, not a weakness.",
        "Use the ASYE reflective log weekly, shadow two conferences, and agree with my supervisor how I prioritise each Monday.",
    ),
    Scenario(
        "My practice educator observed me chairing a core group meeting.",
        "I was nervous and I think I talked too fast at the start.",
        "I kept the meeting focused on the child and every agency left with an action. I did not give the parents enough space to speak.",
        "Chairing is about creating space for others, especially the family, rather than getting through the agenda.",
        "Next time I will start with the parents' view and leave more silence.",
        "Ask the parents before the next core group what they want to say first, and get feedback from my practice educator.",
    ),
    Scenario(
        "A complaint from a parent about how I handled a visit was partly upheld.",
        "I felt hurt at first, and defensive, and then I could see her point about how the visit ended.",
        "I responded openly to the investigating officer. I had not explained clearly why I needed to see the bedrooms.",
        "Parents experience our visits as intrusive even when they are necessary. Explaining the why is respectful practice.",
        "The complaint is useful feedback, not a judgement of me as a person.",
        "Write to the parent acknowledging the learning, and start every first visit by explaining what I need to see and why.",
    ),
    Scenario(
        "I met a sixteen-year-old who arrived alone after a long journey and is unsure of his own age.",
        "I felt the enormity of what he has lived through, and unsure of how to ask about it.",
        "He relaxed once the interpreter was someone from his own region. I asked too many questions too soon.",
        "Trauma and mistrust of officials are expected. A rushed age assessment would be unsafe and unfair.",
        "Building trust has to come before the formal assessments.",
        "Arrange health and education first, give him time to settle, and use a trauma-informed approach for the age assessment.",
    ),
    Scenario(
        "A school nurse told us about a boy living with a family friend while his parents work abroad: a private fostering arrangement nobody had notified.",
        "I was surprised how long it had gone unnoticed and worried about what else we miss.",
        "The carer was welcoming and the boy seemed well. None of the checks had been done.",
        "Private fostering is often hidden and the children can be vulnerable. Raising awareness with schools and health matters.",
        "Our duty is to assess and support the arrangement, not to judge the family for not knowing the rules.",
        "Complete the private fostering assessment and checks, visit the boy alone, and ask for private fostering to go on the next school safeguarding briefing.",
    ),
    Scenario(
        "The family are worried about stepping down to early help after a year of child protection planning.",
        "I feel proud of what they have achieved and a bit anxious about letting go.",
        "The safety plan has held for six months. The early help worker has not met the family yet.",
        "Transitions are risky points; families can lose trust if support falls away suddenly.",
        "A joint handover would protect the progress they have made.",
        "Arrange a joint visit with the early help worker and agree with the family what support continues.",
    ),
    Scenario(
        "Writing the chronology showed eleven missed health appointments over two years that no single agency had noticed.",
        "I felt uneasy, like the pattern had been hiding in plain sight.",
        "The chronology is now clear and shared. Nobody, including us, put it together sooner.",
        "Single events look minor; the pattern shows neglect of health needs.",
        "A chronology is an analytical tool, not an administrative task.",
        "Share the chronology with the health visitor and GP, and add the missed appointments to the danger statement.",
    ),
    Scenario(
        "A baby was admitted with a fracture that the parents cannot explain and the hospital is ready to discharge.",
        "I felt the pressure of time and the fear of getting this wrong either way.",
        "Multi-agency working was quick and respectful. We did not have a family network to turn to.",
        "Unexplained injuries in non-mobile babies need a cautious response until the medical picture is clear.",
        "Safety planning needs to start at admission, not on the day of discharge.",
        "Hold a discharge planning meeting, identify any family members who could support, and seek legal advice.",
    ),
    Scenario(
        "I did a late visit on my own after a call from the out of hours team.",
        "I felt uneasy walking up the stairs in the dark and only realised afterwards that nobody knew exactly where I was.",
        "The visit went well and the children were safe. I did not follow the lone working procedure.",
        "Urgency pushes safety aside. The procedure is there for moments like this one.",
        "My safety is part of good practice, not an extra.",
        "Use the lone working app for every visit and agree a check-in call for any visit after six in the evening.",
    ),
    Scenario(
        "We started planning for the two children to return home from care after mum completed her treatment.",
        "I felt hopeful and cautious in equal measure.",
        "Contact has gone well for months and the children talk about home. The support plan after return is vague.",
        "Reunifications fail most often when support falls away after the return.",
        "A good return needs as much planning as a good placement.",
        "Write a reunification plan with staged overnight stays, and agree support that continues for at least six months after the return.",
    ),
    Scenario(
        "The seventeen-year-old refused to speak to me again and put her headphones in for the whole visit.",
        "I felt rejected, and then I remembered that she has had nine social workers.",
        "I stayed, talked about her music and left on time as promised. I have been trying to complete the assessment instead of getting to know her.",
        "Relationship-based practice means trust first. Consistency and reliability matter more to her than any form.",
        "Turning up when I say I will is the intervention right now.",
        "Visit at the same time each week for the next month, keep it short, and let her choose where we meet.",
    ),
)

LEADERSHIP = (
    Scenario(
        "Two social workers left this month and three cases went unallocated for a week.",
        "I felt responsible and anxious about what might happen on those cases while nobody held them.",
        "The duty rota covered the statutory visits. Allocation was done in a hurry without looking at workloads properly.",
        "Unallocated work is a risk the whole service carries, and it lands hardest on the people who stay.",
        "I need the service to see the gap, rather than the team quietly absorbing it.",
        "Escalate the vacancy position to the head of service, use the workload tool for every allocation, and agree interim cover.",
    ),
    Scenario(
        "I am supervising a newly qualified worker who is struggling to keep up with recording and seems withdrawn.",
        "I worry I have not noticed soon enough and that I am part of the pressure.",
        "We talked openly this week and she told me about personal difficulties. Her caseload is above the protected level.",
        "Struggle in the ASYE is often about workload and support, not capability.",
        "Support has to come first, and the protected caseload is not optional.",
        "Reduce her caseload to the protected level, move to weekly supervision for a month, and link her with the ASYE coordinator.",
    ),
    Scenario(
        "The performance report showed our assessment timeliness dropping and I was asked to explain it at the service meeting.",
        "I felt caught between the numbers and what I know about the quality of the work.",
        "I explained the context well. I did not bring any evidence about the quality of assessments.",
        "Timeliness matters to families, and so does depth. We need both measures to tell the story.",
        "Data is a prompt for a conversation, not the whole story.",
        "Bring three audited assessments to the next service meeting alongside the timeliness figures.",
    ),
    Scenario(
        "The team has been shaken by a serious incident on a case we closed last year.",
        "I feel a heavy sense of responsibility and I am worried about the worker who closed it.",
        "People have supported each other. The rumours are spreading faster than the facts.",
        "Fear after an incident can lead to defensive practice; the team needs space to talk and learn.",
        "My job is to hold the team while the review happens, not to pre-judge it.",
        "Arrange a facilitated team debrief, meet the worker individually, and share what we can about the review process.",
    ),
    Scenario(
        "I had a difficult conversation with a senior practitioner about the quality of her recording.",
        "I dreaded it and put it off for two weeks.",
        "She took it well and said she had been worried about it too. I was not specific enough about what good looks like.",
        "Clear, kind feedback is part of supervision. Avoiding it is unfair to the worker and to the children.",
        "I should have raised it sooner and with examples.",
        "Agree three recording standards together, look at two case records with her next month, and recognise what she does well.",
    ),
    Scenario(
        "We are preparing for a focused visit from inspectors on the front door.",
        "I feel the team's anxiety and some of my own.",
        "Our practice is stronger than a year ago. Our records do not always show our thinking.",
        "Inspectors look for the difference we make to children, and that needs to be visible in the records.",
        "Preparation should be about showing our practice honestly, not producing new paperwork.",
        "Run two practice-week audits together, and ask each worker to bring one case they are proud of.",
    ),
    Scenario(
        "I was covering a second team while its manager was on leave, holding decisions on cases I did not know.",
        "I felt stretched and uncomfortable signing off decisions without knowing the families.",
        "The workers briefed me well. I had no time for reflective conversations with anyone.",
        "Cover arrangements keep things safe but they are not supervision.",
        "Cover needs to be planned with time for it, not added on top of a full role.",
        "Agree with the head of service what cover includes, and keep a log of decisions made for the returning manager.",
    ),
    Scenario(
        "We tried systemic group supervision in the team for the first time.",
        "I was nervous about the team's response, and delighted when they asked to do it again.",
        "The conversation was rich and hypotheses were generated quickly. We overran and the case presenter did not leave with a clear plan.",
        "Group supervision builds shared responsibility and learning, if it is structured well.",
        "It works best with clear roles and a firm time-keeper.",
        "Hold group supervision monthly, rotate the facilitator, and use the same structure each time.",
    ),
)

SUPPORT_LOW = (
    "Feeling worn out after a run of late finishes. Agreed to take the time off in lieu this month and protect lunch breaks.",
    "Sleeping badly since the court case. Talked about the employee assistance programme and agreed a referral to occupational health.",
    "Struggling with the emotional impact of the disclosure last week. Agreed a debrief with the team's clinical practitioner.",
    "Caring responsibilities at home are adding pressure. Agreed to look at a flexible working request together.",
    "Feels isolated working from home most days. Agreed to come into the office on team days and pair up for visits.",
    "Finding it hard to switch off in the evenings. Agreed work phone off after six and a catch-up call on Monday mornings.",
    "Has been off sick for two days with stress. Agreed a phased plan for the next two weeks and fewer new allocations.",
    "Anxious about the threat received on social media. Agreed joint visits and a personal safety review.",
)
SUPPORT_MID = (
    "Managing, but the recording backlog is weighing on them. Agreed a recording day every other week.",
    "Would like more time to reflect on complex cases. Agreed to bring one case to group supervision.",
    "Some pressure from court deadlines. Agreed to share the timetable with legal earlier.",
    "Would value peer support from another newly qualified worker. Agreed to link up with the ASYE peer group.",
    "Asked for help prioritising when everything feels urgent. Agreed to plan the week together on Mondays for a month.",
    "Feeling more settled but still tired. Agreed to review workload at the next session.",
    "Finds duty weeks draining. Agreed to space duty weeks further apart on the rota.",
)
SUPPORT_HIGH = (
    "No additional support needed at the moment; feeling well supported by the team.",
    "Feeling positive; the flexible working pattern is helping.",
    "Doing well. Wants to keep the protected recording time going.",
    "No concerns raised. Enjoying the variety of work.",
    "Feeling confident and settled; asked for more complex cases to stretch them.",
    "Good balance at the moment. Will say if things change.",
)

LEARNING_CPD = (
    "Attended the contextual safeguarding workshop; will use peer mapping with adolescents on my caseload.",
    "Completed the online course on trauma-informed practice and want to apply it to how I plan first visits.",
    "Read the research summary on neglect and cumulative harm; it has changed how I write chronologies.",
    "Shadowed a child protection conference chair, which helped me think about how I present reports.",
    "Took part in Signs of Safety refresher training; feel more confident writing danger statements in plain language.",
    "Went to the court skills day run by legal services; want to practise giving evidence with a colleague.",
    "Learning from the serious case review briefing about professional curiosity and disguised compliance.",
    "Completed the ASYE reflective log for this month, focusing on working with fathers.",
    "Attended a session on working with interpreters and now brief interpreters before every visit.",
    "Read about relationship-based practice with adolescents and tried shorter, more frequent visits.",
    "Joined the practice educator course and am preparing to take a student next year.",
    "Attended the domestic abuse champions training; want to share the learning at the team meeting.",
    "Practising systemic hypothesising in group supervision and noticing it in my visits.",
    "Learned about the graded care profile and used it with a family for the first time.",
    "Went to a workshop on anti-racist practice; reflecting on assumptions in my assessments.",
    "Completed the self-harm awareness course; more confident making safety plans with young people.",
    "Read the guidance on sharing nudes and semi-nudes in schools and shared it with a colleague.",
    "Attended the pre-birth assessment masterclass and want to start assessments earlier in pregnancy.",
    "Learning about life story work and restarted it with a child on my caseload.",
    "Observed a family group conference and saw how families lead their own safety planning.",
    "Took part in the learning disability parenting assessment training.",
    "Reading about young carers and hidden caring; changed how I ask children about home life.",
    "Completed the mandatory data protection refresher.",
    "Attended the exploitation and county lines briefing with police colleagues.",
    "Watched the recorded lecture on attachment and developmental trauma; want to use it in court statements.",
    "Joined the team's reading group on writing for children: plain language in letters to young people.",
    "Attended the permanence planning workshop and the adoption panel as an observer.",
    "Completed the leadership programme module on coaching conversations.",
    "Learning from audit feedback: my analysis sections are improving but still too descriptive.",
    "Presented a case at the practice week learning event and got useful feedback.",
    "Completed the unaccompanied children and age assessment training.",
    "Read about the effects of parental mental illness on children and shared it with the adult mental health team.",
    "Learning to use the words and pictures approach with families.",
    "Started a postgraduate module in advanced child protection practice.",
    "Attended the workshop on recording with the child in mind: writing to the child as the reader of their file.",
    "Completed the motivational interviewing course and am using it with parents misusing substances.",
    "Took part in the multi-agency training on neglect with health visitors and schools.",
    "Went to the care leavers' forum and heard directly what young people want from pathway plans.",
    "Completed the supervision skills course for new supervisors.",
    "Learning about restorative practice through the team's practice development sessions.",
    "Reflected on feedback from a family after case closure; want to ask for feedback routinely.",
    "Attended the private fostering awareness session.",
)

CAREER_GOALS = (
    "Complete the ASYE and then consolidate practice for a year before thinking about specialising.",
    "Interested in becoming a practice educator in the next year.",
    "Would like to move into a senior practitioner role within two years.",
    "Thinking about a secondment to the exploitation team to build adolescent practice.",
    "Wants to complete the post-qualifying award in child protection.",
    "Considering the route to advanced practitioner with a focus on court work.",
    "Interested in systemic practice training and becoming a group supervision facilitator.",
    "Hopes to step into a team manager role; keen to act up when the chance arises.",
    "Would like to build expertise in work with disabled children and their families.",
    "Happy in the current role; goal is to keep learning and stay in frontline practice.",
    "Wants to move into fostering and adoption work in the longer term.",
    "Interested in quality assurance and becoming an independent reviewing officer one day.",
    "Aims to present at the regional practice conference next year.",
    "Wants to mentor newly qualified workers in the team.",
    "Considering a master's degree in social work leadership.",
)

CANCELLED = (
    "Supervisee off sick",
    "Supervisor off sick",
    "Supervisee called to court for a final hearing",
    "Supervisor called to court at short notice",
    "Duty cover: the team was short-staffed",
    "Emergency strategy discussion on an open case",
    "Supervisor on annual leave; not rearranged in time",
    "Supervisee on a training course",
    "Emergency placement search took the whole day",
    "Snow closed the office and visits took priority",
)
RESCHEDULED = (
    "Moved because the supervisee was in court",
    "Moved for a child protection conference",
    "Supervisor covering duty; rearranged for later in the week",
    "Supervisee off sick; rearranged on their return",
    "Moved for an emergency home visit",
    "Rearranged at the supervisee's request to fit round childcare",
)

AGREE_COMMENTS = (
    "Thank you, this is a fair record of our discussion.",
    "Agreed. It helped to talk through the court pressure.",
    "Happy with this. I will update the chronology this week.",
    "Agreed, and thank you for the support this month.",
    "A good reflection of the conversation.",
)
DISAGREE_COMMENTS = (
    "The record says I agreed to take the new allocation; I said I would consider it after the workload review.",
    "I do not agree that the visit was late; the family cancelled twice.",
    "The reason for the decision is missing: we agreed it was about the school's new information.",
)
AMENDMENT_REASONS = (
    "Corrected the due date of an action",
    "Added the outcome of the strategy discussion held after supervision",
    "The supervisee pointed out the decision was recorded wrongly",
    "Added the rationale that was left out",
    "Corrected the safety scale ratings recorded for the case",
)

CONFIDENTIALITY = (
    "What we discuss stays between us, except where a child or adult may be at risk of harm, "
    "or where there are concerns about practice that must be shared with a senior manager. "
    "We will tell each other first if that happens.",
    "Supervision is confidential within the limits of safeguarding. The personal section is "
    "seen only by the two of us; the case sections are part of the child's management oversight.",
)
RECORDING = (
    "The supervisor records the session within five working days. The supervisee reads it, "
    "adds comments and signs it off. Case decisions are also entered on the child's file.",
    "Both of us keep our own notes during the session; the supervisor writes the record, and "
    "the supervisee can add comments before signing it off.",
)
VENUES = (
    "A quiet meeting room at the team base",
    "Meeting room on the first floor, booked in advance",
    "Online video call, cameras on, with a face-to-face session every other month",
    "The family centre meeting room",
)

EARS = {
    "elicit": (
        "The child's own words are recorded throughout, and the danger statement is written so a parent could understand it.",
        "The reflection shows real curiosity about why the family keeps disengaging.",
        "Actions are specific, owned and dated, and last month's actions were reviewed first.",
        "The supervisor noticed the worker's tiredness and made space to talk about it.",
        "The rationale for the decision is clear and would stand up to scrutiny.",
        "Different hypotheses were explored rather than settling on the first explanation.",
        "The record shows challenge and support in balance.",
    ),
    "amplify": (
        "The worker went back to the child and checked what had been written; the child felt heard.",
        "The plan moved from activity to outcomes, and the safety scale moved with it.",
        "The worker says the session helped her feel confident in court the following week.",
        "Escalating early meant the family got the right support sooner.",
        "Bringing the father into the plan changed the conversation with the family.",
    ),
    "reflect": (
        "Good supervision makes the child visible at every step, not just in one section.",
        "Reflective space protects against drift as much as deadlines do.",
        "Clear rationale helps the next worker understand the case without starting again.",
        "Attending to wellbeing is part of keeping practice safe.",
        "Supervision works best when the worker brings the agenda.",
    ),
    "start_over": (
        "Add the child's voice to the case discussion on the second child, which is missing.",
        "Record how the decision will be reviewed and when.",
        "Bring the workload snapshot into the conversation, not just the cases.",
        "Use the safety scale with the parents as well as the professionals.",
        "Say what was learned, so it can feed into the team's learning.",
    ),
}

CONTINGENCY = (
    "No new allocations for four weeks; two cases transferred to a colleague; reviewed again in a month.",
    "Recording support from the business support team for two weeks and one court case co-worked.",
    "Agency cover approved for eight weeks; new allocations paused until the caseload is below amber.",
    "Duty weeks removed from the rota this month and one complex case moved to the senior practitioner.",
)
RESOLVED = (
    "Caseload back within capacity after two transfers and a case closure.",
    "Workload reduced once the new starter took allocations.",
    "Court case concluded and recording caught up.",
)
