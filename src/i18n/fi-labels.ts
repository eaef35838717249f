/** Finnish texts of the labels feature, spread into `fi.ts`. */
export const labelsFi = {
  'labels.layouts.title': 'Tarra-arkit',
  'labels.layouts.intro': 'Osoitetarra-arkkien asettelut: sivukoko, marginaalit, välit, sarakkeet ja rivit.',

  // ---------------------------------------------------------------- the labels page (osoitetarrat)
  'labels.title': 'Osoitetarrat',
  'labels.intro':
    'Tulosta osoitetarrat Valitut-listan vastaanottajille. Esikatsele ensin, montako tarraa tulostuu ja ketkä jätetään pois.',
  'labels.workspace': 'CRM-työtila',
  'labels.toWorkspace': 'Takaisin CRM-työtilaan',
  'labels.targetType': 'Kohderyhmä',
  'labels.changeTarget': 'Vaihda',
  'labels.target.person': 'Henkilöasiakkaat',
  'labels.target.organisation': 'Organisaatiot',
  'labels.target.contact_person': 'Yhteyshenkilöt',
  'labels.target.agent': 'Agentit (matkatoimistot)',
  'labels.target.staff': 'Virkailijat',
  'labels.target.guardian': 'Huoltajat',
  'labels.selectedCount': 'Valitut-listalla {count} vastaanottajaa.',
  'labels.staffNote': 'Virkailijoilla ei ole osoitetta rekisterissä, joten heille ei tulostu tarroja.',
  'labels.empty':
    'Valitut-lista on tyhjä. Hae vastaanottajat CRM-työtilassa ja siirrä ne Valitut-listalle ennen tarrojen tulostusta.',
  'labels.layout': 'Tarra-arkki',
  'labels.skip': 'Tyhjiä tarroja',
  'labels.skipHint':
    'Ensimmäisen arkin alusta jo käytetyt tarrat, jotka jätetään tyhjiksi (0 … arkin tarrat − 1).',
  'labels.fillWith': 'Monista arkillinen',
  'labels.fillNone': 'Ei – yksi tarra kullekin vastaanottajalle',
  'labels.fillHint': 'Täyttää koko arkin yhden vastaanottajan osoitteella.',
  'labels.fillTruncated': 'Valittavana ensimmäiset {count} vastaanottajaa nimen mukaan.',
  'labels.marketing': 'Markkinointiajo: jätä pois vastaanottajat, joilla on markkinointikielto',
  'labels.attention': 'Lisärivi organisaatioille',
  'labels.attentionHint': 'Esim. ”Att. Markkinointipäällikkö”; tulostuu organisaation nimen alle.',
  'labels.logLegend': 'Kontaktit',
  'labels.log': 'Lisää osoitetarrat kontakteihin (yksi kontakti jokaiselle tulostetulle vastaanottajalle)',
  'labels.logType': 'Kontaktityyppi',
  'labels.logText': 'Lisäinfo',
  'labels.logReadonly': 'Lukuoikeudella voi tulostaa tarroja, mutta ei kirjata kontakteja.',
  'labels.noContactTypes': 'Kontaktityyppejä ei ole vielä määritelty (Asetukset › Kontaktityypit).',
  'labels.preview': 'Esikatsele',
  'labels.print': 'Tulosta PDF',
  'labels.printHint': 'PDF avautuu uuteen välilehteen.',
  'labels.summary':
    '{labels} tarraa tulostetaan ({sheets} arkkia); pois jätetään: {banned} markkinointikiellon vuoksi, {incomplete} puutteellisen osoitteen vuoksi.',
  'labels.summarySkip': 'Ensimmäiseltä arkilta jätetään tyhjiksi {skip} tarraa.',
  'labels.summaryFill': 'Arkki täytetään yhden vastaanottajan osoitteella.',
  'labels.summaryLog': 'Jokaiselle tulostetulle vastaanottajalle kirjataan kontakti ({type}).',
  'labels.summaryNoMarketing': 'Ei markkinointiajo: markkinointikiellot eivät rajaa vastaanottajia.',
  'labels.nothingToPrint':
    'Ei tulostettavia tarroja: {banned} jätetään pois markkinointikiellon ja {incomplete} puutteellisen osoitteen vuoksi.',
  'labels.tooMany': 'Yhteen PDF-tiedostoon mahtuu enintään {max} tarraa. Jaa valinta osiin.',

  // ---------------------------------------------------------------- layouts (admin)
  'labels.layouts.new': 'Uusi tarra-arkki',
  'labels.layouts.editTitle': 'Tarra-arkki {code}',
  'labels.layouts.code': 'Tunnus',
  'labels.layouts.codeHint': 'Esim. 3x8 – rajapinta ja lomakkeet viittaavat arkkiin tällä.',
  'labels.layouts.name': 'Nimi',
  'labels.layouts.page': 'Sivu',
  'labels.layouts.pageWidth': 'Sivun leveys (mm)',
  'labels.layouts.pageHeight': 'Sivun korkeus (mm)',
  'labels.layouts.marginTop': 'Yläreuna (mm)',
  'labels.layouts.marginLeft': 'Vasen reuna (mm)',
  'labels.layouts.labelSize': 'Tarra',
  'labels.layouts.labelWidth': 'Tarran leveys (mm)',
  'labels.layouts.labelHeight': 'Tarran korkeus (mm)',
  'labels.layouts.pitchX': 'Vaakaväli (mm)',
  'labels.layouts.pitchXHint': 'Tarran vasemmasta reunasta seuraavan tarran vasempaan reunaan.',
  'labels.layouts.pitchY': 'Pystyväli (mm)',
  'labels.layouts.pitchYHint': 'Tarran yläreunasta seuraavan rivin tarran yläreunaan.',
  'labels.layouts.columns': 'Sarakkeet',
  'labels.layouts.rows': 'Rivit',
  'labels.layouts.grid': 'Tarroja arkilla',
  'labels.layouts.builtIn': 'Vakioarkki',
  'labels.layouts.builtInNote':
    'Vakioarkkia ei voi muuttaa eikä poistaa. Tarvitsetko säädetyn version? Kopioi se uudeksi tarra-arkiksi.',
  'labels.layouts.builtInLocked': 'Vakioarkkia ei voi muuttaa eikä poistaa.',
  'labels.layouts.copy': 'Kopioi uudeksi',
  'labels.layouts.created': 'Tarra-arkki {code} lisätty.',
  'labels.layouts.saved': 'Tarra-arkki {code} tallennettu.',
  'labels.layouts.deleted': 'Tarra-arkki {code} poistettu.',
  'labels.layouts.deleteTitle': 'Poista tarra-arkki',
  'labels.layouts.deleteHint': 'Poistettu arkki ei ole enää valittavissa tulostettaessa.',
  'labels.layouts.delete': 'Poista {code}',
  'labels.layouts.extent': 'Tarrat ulottuvat {right} × {bottom} mm:iin; sivu on {width} × {height} mm.',

  // ---------------------------------------------------------------- validation
  'validation.labels.mm': 'Anna millimetrit (esim. 42,3), enintään kaksi desimaalia.',
  'validation.labels.gridSize': 'Sarakkeita voi olla 1–20 ja rivejä 1–40.',
  'validation.labels.code':
    'Tunnus: 1–20 merkkiä, kirjaimia, numeroita, piste, viiva tai alaviiva (esim. 3x8).',
  'validation.labels.tooWide':
    'Arkki ei mahdu sivulle leveyssuunnassa: vasen reuna + vaakaväli × (sarakkeet − 1) + tarran leveys on yli sivun leveyden.',
  'validation.labels.tooTall':
    'Arkki ei mahdu sivulle korkeussuunnassa: yläreuna + pystyväli × (rivit − 1) + tarran korkeus on yli sivun korkeuden.',
  'validation.labels.pitchX':
    'Vaakavälin on oltava vähintään tarran leveys, muuten tarrat menevät päällekkäin.',
  'validation.labels.pitchY':
    'Pystyvälin on oltava vähintään tarran korkeus, muuten tarrat menevät päällekkäin.',
  'validation.labels.targetType':
    'Tuntematon kohderyhmä (person, organisation, contact_person, agent, staff tai guardian).',
  'validation.labels.layout': 'Tuntematon tarra-arkki. Vakioarkit ovat 3x7 ja 3x8.',
  'validation.labels.skip': 'Tyhjiä tarroja voi olla 0 … arkin tarrat − 1.',
  'validation.labels.contactType': 'Tuntematon kontaktityyppi.',
  'validation.labels.fillWith': 'Vastaanottaja ei ole Valitut-listalla.',
  'validation.labels.boolean': 'Arvon on oltava true tai false.',
  'validation.labels.log': 'Kontakti annetaan muodossa { "type": "TR", "text": "…" }.',
  'validation.labels.body':
    'Rungon on oltava JSON-olio, jossa vain kentät targetType, layout, skip, marketing, fillWith, attention ja log.',
  'validation.labels.logReadonly': 'Lukuoikeudella ei voi kirjata kontakteja.',
} as const;
