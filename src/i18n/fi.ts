/** Finnish UI texts: the source of truth. `en.ts` must have every key. Keys are grouped by area. */
export const fi = {
  'app.name': 'Kanta',
  'nav.customers': 'Asiakkaat',
  'nav.crm': 'CRM',
  'nav.settings': 'Asetukset',
  'nav.logout': 'Kirjaudu ulos',
  'nav.skip': 'Siirry sisältöön',
  'nav.quickSearch': 'Pikahaku',
  'nav.quickSearchPlaceholder': 'Nimi, numero, sähköposti, puhelin, Y-tunnus, kaupunki…',
  'nav.language': 'Kieli',

  'common.save': 'Tallenna',
  'common.cancel': 'Peruuta',
  'common.delete': 'Poista',
  'common.edit': 'Muokkaa',
  'common.create': 'Lisää',
  'common.back': 'Takaisin',
  'common.search': 'Hae',
  'common.yes': 'Kyllä',
  'common.no': 'Ei',
  'common.next': 'Seuraava sivu',
  'common.first': 'Ensimmäinen sivu',
  'common.none': '—',
  'common.all': 'Kaikki',
  'common.actions': 'Toiminnot',
  'common.confirmDelete': 'Poistetaanko varmasti?',
  'common.saved': 'Tallennettu.',
  'common.deleted': 'Poistettu.',
  'common.noRows': 'Ei rivejä.',
  'common.formErrors': 'Tarkista lomakkeen virheet.',

  'error.title': 'Virhe',
  'error.notFound': 'Sivua tai tietuetta ei löytynyt.',
  'error.forbidden': 'Sinulla ei ole oikeutta tähän toimintoon.',
  'error.unauthorized': 'Kirjaudu sisään tai anna kelvollinen API-avain.',
  'error.readonly': 'Lukuoikeudella ei voi tehdä muutoksia.',
  'error.csrf': 'Lomakkeen turvatarkiste puuttui tai vanheni. Lataa sivu uudelleen ja yritä uudestaan.',
  'error.tooLarge': 'Lähetetty tieto on liian suuri.',
  'error.badRequest': 'Virheellinen pyyntö.',
  'error.server': 'Odottamaton virhe. Yritä hetken kuluttua uudelleen; tallennetut tiedot ovat tallessa.',
  'error.conflict':
    'Joku muu muutti tätä tietoa sillä välin, kun muokkasit sitä. Muutoksiasi ei tallennettu; alla ovat nykyiset tiedot.',
  'error.home': 'Etusivulle',

  'validation.required': 'Pakollinen tieto.',
  'validation.tooLong': 'Liian pitkä.',
  'validation.invalid': 'Virheellinen arvo.',
  'validation.email': 'Sähköpostiosoite ei ole kelvollinen.',
  'validation.phone': 'Puhelinnumero ei ole kelvollinen.',
  'validation.businessId': 'Y-tunnus ei ole kelvollinen (muoto 1234567-8, tarkiste ei täsmää).',
  'validation.date': 'Päivämäärä ei ole kelvollinen (esim. 1.2.2026).',
  'validation.postalCode': 'Postinumero ei ole kelvollinen (viisi numeroa).',
  'validation.country': 'Maakoodi on kaksi kirjainta (esim. FI).',
  'validation.integer': 'Anna kokonaisluku.',
  'validation.range': 'Numerosarjan alun on oltava pienempi kuin loppu.',
  'validation.rangeOverlap': 'Numerosarja menee päällekkäin toisen asiakaslajin sarjan kanssa.',
  'validation.password': 'Salasanan on oltava vähintään 10 merkkiä.',
  'validation.passwordMatch': 'Salasanat eivät täsmää.',
  'validation.unique': 'Arvo on jo käytössä.',
  'validation.username': 'Käyttäjätunnus: 2–50 merkkiä, kirjaimia, numeroita, piste, viiva tai alaviiva.',

  'auth.title': 'Kirjautuminen',
  'auth.username': 'Käyttäjätunnus',
  'auth.password': 'Salasana',
  'auth.passwordAgain': 'Salasana uudelleen',
  'auth.login': 'Kirjaudu',
  'auth.failed': 'Väärä käyttäjätunnus tai salasana.',
  'auth.locked': 'Liian monta epäonnistunutta kirjautumista. Yritä uudelleen 15 minuutin kuluttua.',
  'auth.loggedOut': 'Olet kirjautunut ulos.',
  'auth.setupTitle': 'Luo ensimmäinen pääkäyttäjä',
  'auth.setupIntro':
    'Järjestelmässä ei ole vielä käyttäjiä. Luo pääkäyttäjä, jolla voit lisätä muut virkailijat.',
  'auth.displayName': 'Nimi',
  'auth.setupDone': 'Pääkäyttäjä luotu. Tervetuloa!',
  'auth.sessionExpired': 'Istunto on päättynyt. Kirjaudu uudelleen.',

  'role.admin': 'Pääkäyttäjä',
  'role.staff': 'Virkailija',
  'role.readonly': 'Lukuoikeus',

  // -- customers --
  'customers.rangeExhausted':
    'Asiakaslajin numerosarja on täynnä. Laajenna sarjaa asetuksissa tai valitse toinen laji.',

  // -- settings (kinds, groups, users, API tokens) --

  // -- api --

  // -- demo and cli --
} as const;

export type MessageKey = keyof typeof fi;
