/**
 * The demo council: loaded on an empty database (SEED_DEMO) so a newcomer sees Kengash as
 * the REC secretariat would. Facts about the council come from its public record; every
 * delegate is invented.
 */
import { count } from 'drizzle-orm';
import { meetings, meetingStaff, registrations, workingGroups, type Db } from '@kengash/db';
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
    for (const m of [upcoming!, past!]) {
      await tx
        .insert(meetingStaff)
        .values({ meetingId: m.id, userId: organizer.id, role: 'organizer' });
      await tx
        .insert(workingGroups)
        .values(WORKING_GROUPS.map((wg) => ({ ...wg, meetingId: m.id })));
      await writeAudit(tx, {
        meetingId: m.id,
        actor: null,
        action: 'meeting.created',
        entityType: 'meeting',
        entityId: m.id,
        data: { demo: true },
      });
    }
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
