/**
 * The demo council: loaded on an empty database (SEED_DEMO) so a newcomer sees Kengash as
 * the REC secretariat would. Facts about the council come from its public record; every
 * delegate is invented.
 */
import { count } from 'drizzle-orm';
import {
  agendaVersions,
  meetings,
  meetingStaff,
  registrations,
  sessions,
  sessionSpeakers,
  workingGroups,
  type Db,
} from '@kengash/db';
import { diffAgenda, snapshotOf } from '../agenda/versions.js';
import { writeAudit } from '../changes/audit.js';
import { ensureUser } from '../accounts/ensure-user.js';
import { CONSENT_VERSION } from '../schemas/values.js';
import { newCheckInCode } from '../tokens.js';

export const DEMO_SERIES = 'rec-central-asia';
export const DEMO_ORGANIZER = 'secretariat@rec.example.org';

const WORKING_GROUPS = [
  {
    code: 'A',
    name: {
      en: 'Accountability, legal and judicial issues',
      ru: 'Ответственность, правовые и судебные вопросы',
    },
  },
  {
    code: 'B',
    name: {
      en: 'Psychosocial support, health and education',
      ru: 'Психосоциальная поддержка, здравоохранение и образование',
    },
  },
  {
    code: 'C',
    name: {
      en: 'Countering terrorist narratives',
      ru: 'Противодействие террористическим нарративам',
    },
  },
  {
    code: 'D',
    name: {
      en: "Civil society, including women's and youth groups",
      ru: 'Гражданское общество, включая женские и молодёжные организации',
    },
  },
];

const DELEGATES: [
  string,
  string,
  string,
  'government' | 'international_organization' | 'civil_society' | 'academia',
][] = [
  ['Aigerim Sultanbekova', 'KZ', 'Ministry of Information and Social Development', 'government'],
  ['Bakyt Osmonaliev', 'KG', 'State Commission on Religious Affairs', 'government'],
  ['Dilnoza Rakhimova', 'UZ', 'Institute for Strategic and Regional Studies', 'government'],
  ['Farrukh Nazarov', 'TJ', 'Ministry of Labour, Migration and Employment', 'government'],
  ['Gulnara Atayeva', 'TM', 'Ministry of Foreign Affairs', 'government'],
  ['Helen Marsh', 'AT', 'OSCE Transnational Threats Department', 'international_organization'],
  ['Jamshid Yusupov', 'UZ', 'Tashkent State University of Law', 'academia'],
  ['Madina Kasymova', 'KG', 'Youth Initiatives Network', 'civil_society'],
];

/** Seeds the demo on an empty database; returns false when there is data already. */
export async function seedDemo(db: Db, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(meetings);
    if (n > 0) return false;
    const organizer = await ensureUser(tx, {
      email: DEMO_ORGANIZER,
      language: 'en',
      name: 'REC Secretariat',
    });

    // The next meeting: about two months ahead, two days, 09:00–18:00 in Tashkent (UTC+5).
    const day = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 60, 4, 0),
    );
    const upcomingEnd = new Date(day.getTime() + 33 * 3_600_000);
    const [upcoming] = await tx
      .insert(meetings)
      .values({
        slug: 'rec-tashkent-next',
        series: DEMO_SERIES,
        title: {
          en: 'Regional Expert Council on Rehabilitation and Reintegration — Tashkent meeting',
          ru: 'Региональный экспертный совет по реабилитации и реинтеграции — заседание в Ташкенте',
        },
        description: {
          en: 'The Regional Expert Council brings together the Central Asian states, UN bodies, the OSCE, researchers and civil society to share practice on the prosecution, rehabilitation and reintegration of people returned from conflict zones.\n\nThe meeting opens with a plenary and continues in the four standing working groups, which prepare recommendations by consensus. An on-site visit to a rehabilitation practice is planned.',
          ru: 'Региональный экспертный совет объединяет государства Центральной Азии, структуры ООН, ОБСЕ, исследователей и гражданское общество для обмена практикой уголовного преследования, реабилитации и реинтеграции лиц, возвращённых из зон конфликтов.\n\nЗаседание открывается пленарной сессией и продолжается в четырёх постоянных рабочих группах, которые готовят рекомендации на основе консенсуса. Запланирован выезд на объект реабилитационной практики.',
        },
        venue: 'Institute for Strategic and Regional Studies, conference hall',
        city: 'Tashkent',
        country: 'UZ',
        timezone: 'Asia/Tashkent',
        startsAt: day,
        endsAt: upcomingEnd,
        capacity: 100,
        registrationMode: 'open',
        registrationClosesAt: new Date(day.getTime() - 7 * 86_400_000),
        maxPerCountry: 15,
        languages: ['en', 'ru'],
        hostOrganizations: ['ISRS', 'UNOCT', 'OSCE', 'UNRCCA'],
        status: 'published',
        createdBy: organizer.id,
      })
      .returning();
    const [past] = await tx
      .insert(meetings)
      .values({
        slug: 'rec-tashkent-2024-11',
        series: DEMO_SERIES,
        title: {
          en: 'Second meeting of the Regional Expert Council',
          ru: 'Второе заседание Регионального экспертного совета',
        },
        description: {
          en: 'About forty representatives of governments, international organizations and civil society met in Tashkent to review national practice in rehabilitation and reintegration.',
          ru: 'Около сорока представителей государственных органов, международных организаций и гражданского общества встретились в Ташкенте, чтобы рассмотреть национальную практику реабилитации и реинтеграции.',
        },
        venue: 'Institute for Strategic and Regional Studies',
        city: 'Tashkent',
        country: 'UZ',
        timezone: 'Asia/Tashkent',
        startsAt: new Date('2024-11-27T04:00:00Z'),
        endsAt: new Date('2024-11-27T13:00:00Z'),
        capacity: 40,
        registrationMode: 'approval',
        languages: ['en', 'ru'],
        hostOrganizations: ['ISRS', 'OSCE', 'UNOCT', 'UNRCCA'],
        status: 'closed',
        createdBy: organizer.id,
      })
      .returning();
    const groupIds = new Map<string, string>();
    for (const m of [upcoming!, past!]) {
      await tx
        .insert(meetingStaff)
        .values({ meetingId: m.id, userId: organizer.id, role: 'organizer' });
      const groups = await tx
        .insert(workingGroups)
        .values(WORKING_GROUPS.map((wg) => ({ ...wg, meetingId: m.id })))
        .returning();
      if (m === upcoming) for (const g of groups) groupIds.set(g.code, g.id);
      await writeAudit(tx, {
        meetingId: m.id,
        actor: null,
        action: 'meeting.created',
        entityType: 'meeting',
        entityId: m.id,
        data: { demo: true },
      });
    }
    await seedAgenda(tx, upcoming!.id, day, groupIds, organizer.id);
    let i = 0;
    for (const [fullName, country, organization, participantType] of DELEGATES) {
      const email = `delegate${++i}@example.org`;
      const user = await ensureUser(tx, {
        email,
        language: country === 'AT' ? 'en' : 'ru',
        name: fullName,
      });
      await tx.insert(registrations).values({
        meetingId: upcoming!.id,
        userId: user.id,
        email,
        fullName,
        organization,
        country,
        participantType,
        preferredLanguage: user.preferredLanguage,
        consentAt: now,
        consentVersion: CONSENT_VERSION,
        status: 'confirmed',
        checkInCode: newCheckInCode(),
      });
    }
    return true;
  });
}

type Speaker = Omit<typeof sessionSpeakers.$inferInsert, 'sessionId' | 'position'>;
interface DemoSession {
  /** Hours after the first morning's 09:00 in Tashkent, and the length in hours. */
  at: number;
  hours: number;
  kind: (typeof sessions.$inferInsert)['kind'];
  title: { en: string; ru: string };
  description?: { en: string; ru: string };
  room?: string;
  group?: string;
  online?: boolean;
  speakers?: Speaker[];
}

const HALL = 'Conference hall';
const INTERPRETED = ['en', 'ru'];
const chair = (name: string, organization: string): Speaker => ({
  name,
  role: 'chair',
  organization,
});
const rapporteur = (name: string, organization: string): Speaker => ({
  name,
  role: 'rapporteur',
  organization,
});

/** The working groups sit in parallel, each in its own room, with a chair and a rapporteur. */
function groupSittings(at: number, hours: number, sitting: { en: string; ru: string }) {
  const people: Record<string, [Speaker, Speaker]> = {
    A: [
      chair('Jamshid Yusupov', 'Tashkent State University of Law'),
      rapporteur('Aigerim Sultanbekova', 'Ministry of Information and Social Development'),
    ],
    B: [
      chair('Helen Marsh', 'OSCE'),
      rapporteur('Farrukh Nazarov', 'Ministry of Labour, Migration and Employment'),
    ],
    C: [
      chair('Dilnoza Rakhimova', 'Institute for Strategic and Regional Studies'),
      rapporteur('Bakyt Osmonaliev', 'State Commission on Religious Affairs'),
    ],
    D: [
      chair('Madina Kasymova', 'Youth Initiatives Network'),
      rapporteur('Gulnara Atayeva', 'Ministry of Foreign Affairs'),
    ],
  };
  return WORKING_GROUPS.map((wg, i): DemoSession => ({
    at,
    hours,
    kind: 'working_group',
    group: wg.code,
    room: `Room ${i + 1}`,
    title: {
      en: `Working group ${wg.code}: ${wg.name.en} — ${sitting.en}`,
      ru: `Рабочая группа ${wg.code}: ${wg.name.ru} — ${sitting.ru}`,
    },
    speakers: people[wg.code],
  }));
}

const DEMO_AGENDA: DemoSession[] = [
  {
    at: 0,
    hours: 0.75,
    kind: 'ceremony',
    room: HALL,
    online: true,
    title: { en: 'Opening ceremony', ru: 'Церемония открытия' },
    description: {
      en: 'Welcome by the host institute and the co-organizers.',
      ru: 'Приветствие принимающего института и соорганизаторов.',
    },
    speakers: [
      {
        name: 'Director of the Institute for Strategic and Regional Studies',
        role: 'chair',
        organization: 'ISRS',
      },
      {
        name: 'Head of the UNOCT Programme Office',
        role: 'keynote',
        organization: 'UNOCT',
        minutes: 10,
      },
      {
        name: 'Head of the OSCE Transnational Threats Department',
        role: 'speaker',
        organization: 'OSCE',
        minutes: 10,
      },
    ],
  },
  {
    at: 0.75,
    hours: 1.25,
    kind: 'plenary',
    room: HALL,
    online: true,
    title: {
      en: 'Plenary: national practice in rehabilitation and reintegration since the last meeting',
      ru: 'Пленарное заседание: национальная практика реабилитации и реинтеграции со времени прошлого заседания',
    },
    speakers: [
      chair('Helen Marsh', 'OSCE Transnational Threats Department'),
      {
        name: 'Aigerim Sultanbekova',
        role: 'speaker',
        organization: 'Ministry of Information and Social Development',
        minutes: 10,
      },
      {
        name: 'Bakyt Osmonaliev',
        role: 'speaker',
        organization: 'State Commission on Religious Affairs',
        minutes: 10,
      },
      {
        name: 'Dilnoza Rakhimova',
        role: 'speaker',
        organization: 'Institute for Strategic and Regional Studies',
        minutes: 10,
      },
      {
        name: 'Farrukh Nazarov',
        role: 'speaker',
        organization: 'Ministry of Labour, Migration and Employment',
        minutes: 10,
      },
      rapporteur('Jamshid Yusupov', 'Tashkent State University of Law'),
    ],
  },
  {
    at: 2,
    hours: 0.5,
    kind: 'break',
    room: 'Foyer',
    title: { en: 'Coffee break', ru: 'Кофе-брейк' },
  },
  ...groupSittings(2.5, 1.5, { en: 'first sitting', ru: 'первое заседание' }),
  { at: 4, hours: 1, kind: 'break', title: { en: 'Lunch', ru: 'Обед' } },
  ...groupSittings(5, 2, { en: 'second sitting', ru: 'второе заседание' }),
  {
    at: 7,
    hours: 0.5,
    kind: 'break',
    room: 'Foyer',
    title: { en: 'Coffee break', ru: 'Кофе-брейк' },
  },
  {
    at: 7.5,
    hours: 1.5,
    kind: 'panel',
    room: HALL,
    online: true,
    title: {
      en: 'Panel: returning women and children — what has worked',
      ru: 'Панель: возвращённые женщины и дети — что оказалось действенным',
    },
    speakers: [
      { name: 'Madina Kasymova', role: 'moderator', organization: 'Youth Initiatives Network' },
      {
        name: 'Gulnara Atayeva',
        role: 'panelist',
        organization: 'Ministry of Foreign Affairs',
        minutes: 12,
      },
      { name: 'Helen Marsh', role: 'panelist', organization: 'OSCE', minutes: 12 },
      {
        name: 'Jamshid Yusupov',
        role: 'panelist',
        organization: 'Tashkent State University of Law',
        minutes: 12,
      },
    ],
  },
  {
    at: 9.25,
    hours: 1.25,
    kind: 'side_event',
    room: 'Room 5',
    title: {
      en: 'Side event: art therapy in rehabilitation — a film and a conversation',
      ru: 'Сопутствующее мероприятие: арт-терапия в реабилитации — фильм и беседа',
    },
    speakers: [
      { name: 'Madina Kasymova', role: 'moderator', organization: 'Youth Initiatives Network' },
    ],
  },
  ...groupSittings(24, 2.5, { en: 'recommendations', ru: 'рекомендации' }),
  {
    at: 26.5,
    hours: 0.5,
    kind: 'break',
    room: 'Foyer',
    title: { en: 'Coffee break', ru: 'Кофе-брейк' },
  },
  {
    at: 27,
    hours: 1,
    kind: 'workshop',
    room: 'Room 1',
    title: {
      en: 'Workshop: risk and needs assessment tools',
      ru: 'Практикум: инструменты оценки рисков и потребностей',
    },
    speakers: [{ name: 'Dilnoza Rakhimova', role: 'moderator', organization: 'ISRS' }],
  },
  { at: 28, hours: 1, kind: 'break', title: { en: 'Lunch', ru: 'Обед' } },
  {
    at: 29,
    hours: 2,
    kind: 'plenary',
    room: HALL,
    online: true,
    title: {
      en: 'Plenary: reports of the working groups and adoption of recommendations',
      ru: 'Пленарное заседание: доклады рабочих групп и принятие рекомендаций',
    },
    speakers: [
      chair('Director of the Institute for Strategic and Regional Studies', 'ISRS'),
      ...WORKING_GROUPS.map((wg): Speaker => ({
        name: `Rapporteur of working group ${wg.code}`,
        role: 'rapporteur',
        minutes: 10,
      })),
    ],
  },
  {
    at: 31,
    hours: 0.5,
    kind: 'break',
    room: 'Foyer',
    title: { en: 'Coffee break', ru: 'Кофе-брейк' },
  },
  {
    at: 31.5,
    hours: 1.5,
    kind: 'plenary',
    room: HALL,
    online: true,
    title: { en: 'Closing plenary', ru: 'Заключительное пленарное заседание' },
    description: {
      en: 'Conclusions, the date and place of the next meeting, closing remarks.',
      ru: 'Выводы, дата и место следующего заседания, заключительные слова.',
    },
    speakers: [
      chair('Helen Marsh', 'OSCE'),
      {
        name: 'Head of the UNOCT Programme Office',
        role: 'speaker',
        organization: 'UNOCT',
        minutes: 10,
      },
    ],
  },
];

/**
 * The upcoming meeting's agenda: opening, plenary, the four working groups in parallel
 * rooms, breaks, a panel, a side event, a closing plenary; planned speakers; published
 * once as version 1 (every session added).
 */
async function seedAgenda(
  tx: Db,
  meetingId: string,
  firstMorning: Date,
  groupIds: Map<string, string>,
  organizerId: string,
) {
  const rows = await tx
    .insert(sessions)
    .values(
      DEMO_AGENDA.map((s) => {
        const startsAt = new Date(firstMorning.getTime() + s.at * 3_600_000);
        return {
          meetingId,
          title: s.title,
          description: s.description ?? null,
          kind: s.kind,
          startsAt,
          endsAt: new Date(startsAt.getTime() + s.hours * 3_600_000),
          room: s.room ?? null,
          workingGroupId: s.group ? (groupIds.get(s.group) ?? null) : null,
          onlineUrl: s.online ? 'https://meet.example.org/rec-tashkent-plenary' : null,
          interpretation: s.kind === 'break' ? [] : INTERPRETED,
          qaEnabled: s.kind !== 'break',
        };
      }),
    )
    .returning();
  const speakers = rows.flatMap((row, i) =>
    (DEMO_AGENDA[i]!.speakers ?? []).map((sp, p) => ({
      ...sp,
      sessionId: row.id,
      position: p + 1,
    })),
  );
  if (speakers.length) await tx.insert(sessionSpeakers).values(speakers);
  const ordered = [...rows].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const snapshot = ordered.map(snapshotOf);
  const [version] = await tx
    .insert(agendaVersions)
    .values({
      meetingId,
      version: 1,
      name: { en: 'Provisional agenda', ru: 'Предварительная программа' },
      publishedBy: organizerId,
      snapshot,
      changes: diffAgenda(null, snapshot),
    })
    .returning();
  await writeAudit(tx, {
    meetingId,
    actor: null,
    action: 'agenda.published',
    entityType: 'agenda_version',
    entityId: version!.id,
    data: { version: 1, demo: true },
  });
}
