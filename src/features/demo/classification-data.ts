import type { Region } from './finnish-data.js';

/*
 * The travel agency's classification set-up for the demo register (issue 3, item 8):
 * profile fields in the counts of the Winres set-up (14 single, 6 multi, 4 memo,
 * 6 date, 5 text line), tracking pick lists, customer properties, contact-person
 * marketing groups. Each definition says how often each kind of customer has it.
 */

/**
 * Who a share applies to: customer and prospect organisations, pharmaceutical
 * organisations (a tenth of those, kept apart so the CRM search scenarios find big
 * pharma firms), suppliers, travel agents, private persons, and persons who work at
 * one of the organisations.
 */
export const SEGMENTS = ['org', 'pharma', 'supplier', 'agent', 'person', 'worker'] as const;
export type Segment = (typeof SEGMENTS)[number];
export const ORGANISATION_SEGMENTS: Segment[] = ['org', 'pharma', 'supplier', 'agent'];
export const PERSON_SEGMENTS: Segment[] = ['person', 'worker'];

/** Percent of the segment that has the item (decimals allowed: 0.5 = one in two hundred). */
export type Share = Partial<Record<Segment, number>>;
/** Relative weights of the values by code; a segment without its own weights uses `weights`. */
type Weights = Record<string, number>;

/** A list value: code (≤ 5 characters), label, default weight. */
export type ListValue = readonly [code: string, label: string, weight?: number];

export type ChoiceFieldDef = {
  code: string;
  title: string;
  type: 'single' | 'multi';
  values: readonly ListValue[];
  share: Share;
  weights?: Partial<Record<Segment, Weights>>;
  /** Multi fields: 1…max values each. */
  max?: number;
};

/** How a memo or text line is made: one of the texts, or a SQL expression of the hash draw `$R(n)`. */
export type TextFieldDef = {
  code: string;
  title: string;
  type: 'memo' | 'text';
  share: Share;
  texts?: readonly string[];
  /** A template using $R(n) for a draw 0…n-1, e.g. `'KA-' || lpad($R(1000000)::text, 6, '0')`. */
  expression?: string;
};

export type DateFieldDef = {
  code: string;
  title: string;
  type: 'date';
  share: Share;
  from: string;
  days: number;
};

export type ProfileFieldDef = ChoiceFieldDef | TextFieldDef | DateFieldDef;

const ALL: Share = { org: 0, pharma: 0, supplier: 0, agent: 0, person: 0, worker: 0 };
const everyone = (pct: number): Share => Object.fromEntries(Object.keys(ALL).map((k) => [k, pct]));
const organisations = (pct: number): Share => ({ org: pct, pharma: pct, supplier: pct, agent: pct });
const persons = (pct: number): Share => ({ person: pct, worker: pct });

/** Industries: the profile field TOIM and the tracking dimension TOIMIALA share these codes. */
export const industries: readonly ListValue[] = [
  ['PHARM', 'Lääketeollisuus', 0],
  ['IT', 'Tietotekniikka ja ohjelmistot', 12],
  ['TEOLL', 'Teollisuus', 12],
  ['RAK', 'Rakentaminen', 8],
  ['KAUPP', 'Kauppa', 10],
  ['RAHO', 'Rahoitus ja vakuutus', 6],
  ['JULK', 'Julkinen hallinto', 7],
  ['KOUL', 'Koulutus ja tutkimus', 5],
  ['TERV', 'Terveys- ja sosiaalipalvelut', 6],
  ['MATK', 'Matkailu ja ravitsemus', 3],
  ['LOG', 'Kuljetus ja logistiikka', 5],
  ['MEDIA', 'Media ja viestintä', 4],
  ['KONS', 'Konsultointi', 7],
  ['ENER', 'Energia', 3],
  ['JARJ', 'Järjestöt ja yhdistykset', 4],
];

export const profileFieldDefs: readonly ProfileFieldDef[] = [
  // ------------------------------------------------------------ single classification (14)
  {
    code: 'TOIM',
    title: 'Toimiala',
    type: 'single',
    values: industries,
    // Persons who work at an organisation get its industry (see classification.ts).
    share: { org: 95, pharma: 100, supplier: 90, agent: 90 },
    weights: { pharma: { PHARM: 1 }, supplier: { MATK: 70, LOG: 30 }, agent: { MATK: 1 } },
  },
  {
    code: 'HENK',
    title: 'Henkilöstömäärä',
    type: 'single',
    values: [
      ['G1', '1–9', 35],
      ['G10', '10–49', 30],
      ['G50', '50–250', 20],
      ['G250', 'Yli 250', 15],
    ],
    share: { org: 90, pharma: 95, supplier: 80, agent: 80 },
    weights: {
      pharma: { G1: 5, G10: 10, G50: 25, G250: 60 },
      supplier: { G1: 50, G10: 35, G50: 12, G250: 3 },
      agent: { G1: 55, G10: 35, G50: 8, G250: 2 },
    },
  },
  {
    code: 'LIIKV',
    title: 'Liikevaihto',
    type: 'single',
    values: [
      ['L1', 'Alle 1 milj. €', 40],
      ['L2', '1–10 milj. €', 35],
      ['L10', '10–50 milj. €', 15],
      ['L50', 'Yli 50 milj. €', 10],
    ],
    share: { org: 70, pharma: 80, supplier: 60, agent: 60 },
    weights: { pharma: { L1: 5, L2: 15, L10: 30, L50: 50 } },
  },
  {
    code: 'ASEMA',
    title: 'Asema',
    type: 'single',
    values: [
      ['TJ', 'Toimitusjohtaja', 2],
      ['JOHT', 'Johtaja', 3],
      ['PAAL', 'Päällikkö', 8],
      ['ASIA', 'Asiantuntija', 15],
      ['SIHT', 'Sihteeri', 5],
      ['TOIMH', 'Toimihenkilö', 20],
      ['YRIT', 'Yrittäjä', 8],
      ['OPISK', 'Opiskelija', 14],
      ['ELAK', 'Eläkeläinen', 25],
    ],
    share: { person: 30, worker: 80 },
    weights: { worker: { TJ: 5, JOHT: 10, PAAL: 20, ASIA: 25, SIHT: 12, TOIMH: 25, YRIT: 3 } },
  },
  {
    code: 'ASLK',
    title: 'Asiakasluokka',
    type: 'single',
    values: [
      ['A', 'A – avainasiakas', 10],
      ['B', 'B – kasvuasiakas', 25],
      ['C', 'C – perusasiakas', 40],
      ['D', 'D – satunnainen asiakas', 25],
    ],
    share: { org: 80, pharma: 90, agent: 50, person: 25, worker: 30 },
    weights: { pharma: { A: 35, B: 35, C: 25, D: 5 } },
  },
  {
    code: 'MATKT',
    title: 'Matkustustiheys',
    type: 'single',
    values: [
      ['HARV', 'Harvemmin kuin kerran vuodessa', 25],
      ['V1', 'Kerran vuodessa', 40],
      ['V2', '2–3 kertaa vuodessa', 25],
      ['V4', 'Neljästi vuodessa tai useammin', 10],
    ],
    share: persons(30),
  },
  {
    code: 'LOMA',
    title: 'Lomatyyppi',
    type: 'single',
    values: [
      ['RANTA', 'Rantaloma', 30],
      ['KAUPU', 'Kaupunkiloma', 20],
      ['KIERT', 'Kiertomatka', 10],
      ['RISTE', 'Risteily', 10],
      ['HIIHT', 'Hiihtoloma', 10],
      ['KULTT', 'Kulttuurimatka', 8],
      ['AKTII', 'Aktiiviloma', 6],
      ['KYLPY', 'Kylpylämatka', 6],
    ],
    share: persons(25),
  },
  {
    code: 'MAJ',
    title: 'Majoitustoive',
    type: 'single',
    values: [
      ['HOT3', 'Hotelli, kolme tähteä', 35],
      ['HOT4', 'Hotelli, neljä tähteä', 35],
      ['HOT5', 'Hotelli, viisi tähteä', 10],
      ['HUON', 'Huoneisto', 12],
      ['MOKKI', 'Mökki tai huvila', 8],
    ],
    share: { person: 15, worker: 15, org: 15, pharma: 15 },
    weights: { org: { HOT3: 30, HOT4: 60, HOT5: 10 }, pharma: { HOT4: 50, HOT5: 50 } },
  },
  {
    code: 'LENTO',
    title: 'Lentoluokka',
    type: 'single',
    values: [
      ['TURI', 'Turistiluokka', 75],
      ['PREM', 'Premium-turistiluokka', 15],
      ['BUSI', 'Business-luokka', 10],
    ],
    share: { person: 10, worker: 15, org: 40, pharma: 60 },
    weights: { org: { TURI: 50, PREM: 25, BUSI: 25 }, pharma: { TURI: 30, PREM: 30, BUSI: 40 } },
  },
  {
    code: 'HANKI',
    title: 'Hankintakanava',
    type: 'single',
    values: [
      ['NETTI', 'Verkkosivut', 30],
      ['MESSU', 'Matkamessut', 12],
      ['SUOS', 'Suosittelu', 20],
      ['MAINO', 'Lehtimainos', 8],
      ['SOME', 'Sosiaalinen media', 15],
      ['PUH', 'Puhelinmyynti', 7],
      ['TILAI', 'Asiakastilaisuus', 8],
    ],
    share: everyone(20),
  },
  {
    code: 'PERHE',
    title: 'Perhetilanne',
    type: 'single',
    values: [
      ['YKS', 'Yksin matkustava', 20],
      ['PARI', 'Pariskunta', 35],
      ['LAPS', 'Lapsiperhe', 30],
      ['SEN', 'Seniorit', 10],
      ['RYHM', 'Ystäväporukka', 5],
    ],
    share: persons(25),
  },
  {
    code: 'MAKSU',
    title: 'Maksutapa',
    type: 'single',
    values: [
      ['LASKU', 'Lasku', 35],
      ['KORTT', 'Maksukortti', 40],
      ['VERKK', 'Verkkopankki', 20],
      ['OSAM', 'Osamaksu', 5],
    ],
    share: { org: 40, pharma: 40, supplier: 40, agent: 40, person: 20, worker: 20 },
    weights: {
      org: { LASKU: 90, KORTT: 10 },
      pharma: { LASKU: 1 },
      supplier: { LASKU: 1 },
      agent: { LASKU: 1 },
    },
  },
  {
    code: 'MATKB',
    title: 'Matkabudjetti henkeä kohden',
    type: 'single',
    values: [
      ['B1', 'Alle 1 000 €', 35],
      ['B2', '1 000–2 500 €', 40],
      ['B3', '2 500–5 000 €', 18],
      ['B5', 'Yli 5 000 €', 7],
    ],
    share: persons(15),
  },
  {
    code: 'YHTT',
    title: 'Toivottu yhteydenottotapa',
    type: 'single',
    values: [
      ['SPOST', 'Sähköposti', 50],
      ['PUH', 'Puhelin', 25],
      ['TXT', 'Tekstiviesti', 12],
      ['KIRJE', 'Kirje', 5],
      ['TAP', 'Tapaaminen', 8],
    ],
    share: everyone(15),
  },
  // ------------------------------------------------------------ multi classification (6)
  {
    code: 'HARR',
    title: 'Harrastukset',
    type: 'multi',
    values: [
      ['GO', 'Golf', 12],
      ['SK', 'Laskettelu ja hiihto', 14],
      ['SUKEL', 'Sukellus', 4],
      ['PYORA', 'Pyöräily', 10],
      ['VAELL', 'Vaellus', 9],
      ['KALAS', 'Kalastus', 8],
      ['TEATT', 'Teatteri', 7],
      ['MUSI', 'Musiikki ja konsertit', 10],
      ['RUOKA', 'Ruoka ja viini', 11],
      ['VALOK', 'Valokuvaus', 5],
      ['TANSS', 'Tanssi', 4],
      ['JOOGA', 'Jooga', 6],
    ],
    share: persons(25),
    max: 3,
  },
  {
    code: 'KOHDE',
    title: 'Kiinnostavat kohteet',
    type: 'multi',
    values: [
      ['ESP', 'Espanja', 15],
      ['KAN', 'Kanariansaaret', 14],
      ['KRE', 'Kreikka', 14],
      ['ITA', 'Italia', 11],
      ['TURK', 'Turkki', 8],
      ['THAI', 'Thaimaa', 9],
      ['USA', 'Yhdysvallat', 6],
      ['LAPPI', 'Lappi', 9],
      ['ALPIT', 'Alpit', 5],
      ['BALT', 'Baltia', 5],
      ['JAP', 'Japani', 2],
      ['ISL', 'Islanti', 2],
    ],
    share: persons(20),
    max: 3,
  },
  {
    code: 'PALV',
    title: 'Kiinnostavat yrityspalvelut',
    type: 'multi',
    values: [
      ['KOKO', 'Kokousmatkat', 20],
      ['KANN', 'Kannustematkat', 12],
      ['MESSU', 'Messumatkat', 15],
      ['RYHMA', 'Ryhmämatkat', 15],
      ['LIIK', 'Liikematkat', 25],
      ['TYKY', 'Tyky- ja virkistyspäivät', 10],
      ['KONGR', 'Kongressimatkat', 3],
    ],
    share: { org: 50, pharma: 80, agent: 20 },
    weights: { pharma: { KONGR: 40, KOKO: 20, LIIK: 25, KANN: 15 } },
    max: 3,
  },
  {
    code: 'RUOKV',
    title: 'Erityisruokavalio',
    type: 'multi',
    values: [
      ['GLUT', 'Gluteeniton', 20],
      ['LAKT', 'Laktoositon', 35],
      ['KASV', 'Kasvisruokavalio', 20],
      ['VEGAN', 'Vegaaninen', 10],
      ['PAHK', 'Pähkinäallergia', 10],
      ['KALA', 'Kala-allergia', 5],
    ],
    share: persons(5),
    max: 2,
  },
  {
    code: 'ETUOH',
    title: 'Kanta-asiakasohjelmat',
    type: 'multi',
    values: [
      ['FINN', 'Finnair Plus', 45],
      ['SAS', 'SAS EuroBonus', 15],
      ['NORW', 'Norwegian Reward', 10],
      ['SCAND', 'Scandic Friends', 15],
      ['HILT', 'Hilton Honors', 8],
      ['MARR', 'Marriott Bonvoy', 7],
    ],
    share: { person: 10, worker: 20 },
    max: 2,
  },
  {
    code: 'KAMP',
    title: 'Kampanjat',
    type: 'multi',
    values: [
      ['K24', 'Kevätkampanja 2024', 20],
      ['S24', 'Syyskampanja 2024', 20],
      ['K25', 'Kevätkampanja 2025', 20],
      ['S25', 'Syyskampanja 2025', 20],
      ['J25', 'Joulukampanja 2025', 20],
    ],
    share: everyone(8),
    max: 2,
  },
  // ------------------------------------------------------------ memo (4)
  {
    code: 'MUIST',
    title: 'Muistiinpanot',
    type: 'memo',
    share: everyone(5),
    texts: [
      'Soittaa yleensä perjantaisin iltapäivällä.',
      'Haluaa tarjouksen aina kahdesta vaihtoehdosta.',
      'Matkustaa usein puolison kanssa; puoliso hoitaa varaukset.',
      'Ei halua puheluita työaikana, sähköposti käy.',
      'Kysyi ryhmäalennuksesta yli kymmenen hengen matkoille.',
      'Tyytyväinen viime syksyn kaupunkilomaan.\nKiinnostunut samasta kohteesta keväällä.',
      'Asiakkuus siirtyi Tampereen toimistolta.',
      'Muistutettava passin voimassaolosta ennen kaukomatkoja.',
    ],
  },
  {
    code: 'ERTO',
    title: 'Erityistoiveet',
    type: 'memo',
    share: persons(4),
    texts: [
      'Tarvitsee esteettömän huoneen.',
      'Toivoo hiljaista huonetta kaukana hissistä.',
      'Pyörätuoliavustus lentoasemalla.',
      'Allergia: ei höyhentyynyjä.',
      'Matkustaa avustajakoiran kanssa.',
      'Toivoo huonetta alimmista kerroksista.',
    ],
  },
  {
    code: 'PALA',
    title: 'Asiakaspalaute',
    type: 'memo',
    share: everyone(3),
    texts: [
      'Erittäin tyytyväinen Kreikan matkaan.',
      'Valitus lennon myöhästymisestä, hoidettu hyvityksellä.',
      'Kiitti oppaan ammattitaitoa.',
      'Hotelli ei vastannut kuvausta; hyvitetty 100 €.',
      'Toivoi enemmän vapaa-aikaa kiertomatkalle.',
    ],
  },
  {
    code: 'LASKO',
    title: 'Laskutusohjeet',
    type: 'memo',
    share: { org: 15, pharma: 20, agent: 30, supplier: 10 },
    texts: [
      'Laskut verkkolaskuina, välittäjä Basware.',
      'Laskuun aina kustannuspaikka ja tilaajan nimi.',
      'Laskut ostoreskontraan, viitenumero pakollinen.',
      'Laskutus kerran kuukaudessa koontilaskuna.',
      'Laskut PDF-muodossa talousosastolle.',
    ],
  },
  // ------------------------------------------------------------ date (6)
  { code: 'SYNT', title: 'Syntymäpäivä', type: 'date', share: persons(40), from: '1935-01-01', days: 25_567 },
  {
    code: 'VIIMM',
    title: 'Viimeisin matka',
    type: 'date',
    share: { person: 20, worker: 20, org: 20, pharma: 30 },
    from: '2019-01-01',
    days: 2_555,
  },
  {
    code: 'SEURY',
    title: 'Seuraava yhteydenotto',
    type: 'date',
    share: { org: 15, pharma: 25, agent: 20, person: 5, worker: 5 },
    from: '2026-01-01',
    days: 365,
  },
  {
    code: 'PASSI',
    title: 'Passi voimassa',
    type: 'date',
    share: persons(10),
    from: '2026-01-01',
    days: 3_650,
  },
  {
    code: 'SOPIM',
    title: 'Sopimus päättyy',
    type: 'date',
    share: { org: 20, pharma: 35, agent: 40, supplier: 50 },
    from: '2026-01-01',
    days: 1_095,
  },
  {
    code: 'TILAI',
    title: 'Viimeisin asiakastilaisuus',
    type: 'date',
    share: { org: 15, pharma: 25, worker: 8 },
    from: '2023-01-01',
    days: 1_095,
  },
  // ------------------------------------------------------------ text line (5)
  {
    code: 'KANTA',
    title: 'Kanta-asiakasnumero',
    type: 'text',
    share: persons(10),
    expression: `'KA-' || lpad($R(1000000)::text, 6, '0')`,
  },
  {
    code: 'ISTP',
    title: 'Istumapaikkatoive',
    type: 'text',
    share: persons(10),
    texts: ['Ikkuna', 'Käytävä', 'Koneen etuosa', 'Hätäuloskäytävän rivi', 'Ikkuna, ei siiven kohdalla'],
  },
  {
    code: 'LEMPK',
    title: 'Lempikohde',
    type: 'text',
    share: persons(8),
    texts: [
      'Kreeta',
      'Rooma',
      'Barcelona',
      'Pariisi',
      'Teneriffa',
      'Levi',
      'Tallinna',
      'Phuket',
      'New York',
      'Dubrovnik',
      'Madeira',
      'Lissabon',
    ],
  },
  {
    code: 'LASKV',
    title: 'Laskun viite',
    type: 'text',
    share: organisations(15),
    expression: `'Kustannuspaikka ' || (1000 + $R(9000))`,
  },
  { code: 'SUOSI', title: 'Suosittelija', type: 'text', share: everyone(2), expression: '$NAME' },
];

/** Tracking dimension codes (seurantakohteet). */
export const REGION_DIMENSION = 'ALUE';
export const INDUSTRY_DIMENSION = 'TOIMIALA';

export const regionCodes: Record<Region, string> = {
  Uusimaa: 'UUSIMAA',
  Pirkanmaa: 'PIRKANMAA',
  'Varsinais-Suomi': 'VARSINAIS-SUOMI',
  Satakunta: 'SATAKUNTA',
  'Kanta-Häme': 'KANTA-HAME',
  'Päijät-Häme': 'PAIJAT-HAME',
  Kymenlaakso: 'KYMENLAAKSO',
  'Etelä-Karjala': 'ETELA-KARJALA',
  'Etelä-Savo': 'ETELA-SAVO',
  'Pohjois-Savo': 'POHJOIS-SAVO',
  'Pohjois-Karjala': 'POHJOIS-KARJALA',
  'Keski-Suomi': 'KESKI-SUOMI',
  'Etelä-Pohjanmaa': 'ETELA-POHJANMAA',
  Pohjanmaa: 'POHJANMAA',
  'Keski-Pohjanmaa': 'KESKI-POHJANMAA',
  'Pohjois-Pohjanmaa': 'POHJOIS-POHJANMAA',
  Kainuu: 'KAINUU',
  Lappi: 'LAPPI',
  Ahvenanmaa: 'AHVENANMAA',
};

/** Sales channel: a pick list filled by weights like a profile field. */
export const channelDimension = {
  code: 'KANAVA',
  name: 'Myyntikanava',
  values: [
    ['VERKKO', 'Verkkokauppa', 50],
    ['MYYMALA', 'Myymälä', 25],
    ['PUHELIN', 'Puhelinpalvelu', 15],
    ['AGENTTI', 'Agentti', 10],
    ['YRITYSMYYNTI', 'Yritysmyynti', 0],
  ] as readonly ListValue[],
  share: { org: 70, pharma: 80, person: 35, worker: 35 } as Share,
  weights: {
    org: { YRITYSMYYNTI: 60, VERKKO: 20, PUHELIN: 20 },
    pharma: { YRITYSMYYNTI: 1 },
  } as Partial<Record<Segment, Weights>>,
};

/** Customer properties (ominaisuudet) by group; `texts` are value texts, one of them picked. */
export type PropertyDef = { code: string; name: string; share: Share; texts?: readonly string[] };

export const propertyGroupDefs: readonly { name: string | null; properties: readonly PropertyDef[] }[] = [
  {
    name: 'Asiakkuus',
    properties: [
      { code: 'VIP', name: 'VIP-asiakas', share: { org: 5, pharma: 15, person: 2, worker: 2 } },
      {
        code: 'SOPIMUS',
        name: 'Sopimusasiakas',
        share: { org: 20, pharma: 40, agent: 60, supplier: 70 },
        texts: ['Puitesopimus 2024–2026', 'Hintasopimus 2025', 'Yhteistyösopimus', 'Agenttisopimus'],
      },
      {
        code: 'LUOTTORAJA',
        name: 'Luottoraja',
        share: { org: 15, pharma: 30, agent: 20 },
        texts: ['5 000 €', '10 000 €', '25 000 €', '50 000 €'],
      },
      { code: 'ENNAKKO', name: 'Ennakkomaksu vaaditaan', share: { org: 3, person: 2, worker: 1 } },
    ],
  },
  {
    name: 'Markkinointi',
    properties: [
      { code: 'ESITE', name: 'Matkaesite postitse', share: { org: 10, pharma: 10, person: 10, worker: 6 } },
      { code: 'TAPAHTUMAT', name: 'Tapahtumakutsut', share: { org: 20, pharma: 30, person: 8, worker: 12 } },
      { code: 'KYSELYT', name: 'Asiakaskyselyt', share: { person: 6, worker: 6, org: 5 } },
    ],
  },
  {
    name: 'Matkustajaprofiili',
    properties: [
      { code: 'RYHMAMATKAILIJA', name: 'Ryhmämatkailija', share: persons(7) },
      { code: 'LIIKEMATKUSTAJA', name: 'Liikematkustaja', share: { worker: 30, person: 3 } },
      { code: 'PERHEMATKAILIJA', name: 'Perhematkailija', share: persons(8) },
      { code: 'SENIORIMATKAILIJA', name: 'Seniorimatkailija', share: { person: 7, worker: 1 } },
    ],
  },
  {
    name: null,
    properties: [
      {
        code: 'LAHJAKORTTI',
        name: 'Lahjakortti',
        share: persons(2),
        texts: ['50 €', '100 €', '200 €', '500 €'],
      },
      { code: 'OSOITE-TARKISTETTAVA', name: 'Osoite tarkistettava', share: everyone(1) },
    ],
  },
];

/** Contact-person properties (markkinointiryhmät) by group; share of organisations' contact persons. */
export const contactPersonGroupDefs: readonly {
  name: string;
  properties: readonly { code: string; name: string; percent: number }[];
}[] = [
  {
    name: 'Markkinointiryhmät',
    properties: [
      { code: 'UUTISKIRJE', name: 'Uutiskirje', percent: 40 },
      { code: 'JOULUKORTTI', name: 'Joulukortti', percent: 30 },
      { code: 'MESSUKUTSU', name: 'Messukutsu', percent: 15 },
      { code: 'ASIAKASLEHTI', name: 'Asiakaslehti', percent: 20 },
    ],
  },
  {
    name: 'Tapahtumat',
    properties: [
      { code: 'SEMINAARI', name: 'Seminaarikutsu', percent: 10 },
      { code: 'GOLFPAIVA', name: 'Golfpäivä', percent: 5 },
      { code: 'KESAJUHLA', name: 'Kesäjuhla', percent: 8 },
    ],
  },
];

/** Contact roles (R-REG-8): share of organisations, and the titles that get the role first. */
export const contactRoleDefs = [
  { role: 'CONTACT_NUMBER', percent: 45, titles: ['Talouspäällikkö', 'Kirjanpitäjä', 'Hallintopäällikkö'] },
  {
    role: 'CONTACT_PURCHASE',
    percent: 30,
    titles: ['Ostopäällikkö', 'Matkasihteeri', 'Sihteeri', 'Assistentti'],
  },
  { role: 'CONTACT_SALES', percent: 25, titles: ['Myyntipäällikkö', 'Asiakkuuspäällikkö'] },
] as const;

/** Marketing bans (R-REG-9), percent of persons and of contact persons. */
export const banDefs = [
  { ban: 'NO_MARKETING', persons: 4, contacts: 2, sources: ['staff', 'staff', 'staff', 'import', 'import'] },
  { ban: 'NO_SMS', persons: 6, contacts: 3, sources: ['staff', 'staff', 'api', 'import', 'import'] },
  {
    ban: 'NO_EMAIL',
    persons: 5,
    contacts: 4,
    sources: ['unsubscribe', 'unsubscribe', 'unsubscribe', 'staff', 'import'],
  },
] as const;
