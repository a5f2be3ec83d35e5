// The participants screens in a real browser (Debian's Chromium, driven by playwright-core),
// against the real server, with every request to another origin blocked and recorded.
// Usage: node tests/app-participants.mjs <server URL> <agent email> <agent password> [screenshot folder] [admin email]
// (the administrator's password is the agent's)
// The server holds, in the agent's region, « Léo Tremblay » (born 2003, on the team of « Coop du
// rang ») and 22 other people, « Camille Roy » (born 2001) among them; in another region,
// « Léonie Tremblay ».
// Checks, as the agent: a deep link to /participants leads to sign-in and back; the list (20,
// then « Afficher plus »); the search ignores accents and case (« leo » finds « Léo », never the
// other region's Léonie); registering « Maëlle Côté » with her consent (the form's checks, its
// draft across a reload with the same idempotency key, deleted once saved); registering her again
// (similar name and same birth year, then the same email) warns with the likely duplicate, and
// opening her record instead creates nobody (checked through the API); « Créer quand même »;
// editing; recording and withdrawing consent; the Law 25 export (the JSON file's name and
// contents) and erasure (confirmation dialog, then checked through the API); a session that
// expires mid-form and a consent that fails after the registration lose nothing and create
// nobody twice; 390 px, where a slow duplicate check is still waited for; sign-out deletes a
// draft. axe-core on every page and state, screenshots at 1400 px and 390 px.
import { readFile } from 'node:fs/promises';
import { harness } from './harness.mjs';

const [base, email, password, shots = 'test-results', adminEmail] = process.argv.slice(2);
if (!base || !email || !password) {
  console.error('usage: node tests/app-participants.mjs <server URL> <email> <password> [screenshot folder]');
  process.exit(2);
}
const h = await harness(base, shots);
const { origin, check, watch, axe, shot } = h;

/** The registration draft the page keeps in IndexedDB (the app's drafts), or null. */
const draftIn = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('sismic-drafts', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('drafts', { keyPath: 'id' });
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('drafts').objectStore('drafts').get('participant-registration');
          get.onsuccess = () => {
            db.close();
            resolve(get.result?.value ?? null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
const waitForDraft = async (page, test) => {
  for (let i = 0; i < 40; i++) {
    const d = await draftIn(page);
    if (test(d)) return d;
    await page.waitForTimeout(100);
  }
  return draftIn(page);
};
const person = (page, id) =>
  h.graphql(page, 'query($id: ID!) { node(id: $id) { ... on Participant { id firstName lastName email birthYear mrc anonymized consents { purposes inForce withdrawnOn } } } }', { id }).then((d) => d.node);
const search = (page, text) => h.graphql(page, 'query($s: String) { participants(first: 100, search: $s) { nodes { id firstName lastName } } }', { s: text }).then((d) => d.participants.nodes);
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const idOf = (page) => decodeURIComponent(new URL(page.url()).pathname.slice('/participants/'.length));

const list = (page) => page.getByRole('region', { name: 'Participants' });
const warningOf = (page) => page.getByRole('region', { name: /^Cette personne est peut-être déjà inscrite/ });

try {
  // Signed out, the deep link leads to sign-in, then back.
  /** When set, the server's answer to recordConsent is replaced by UNAVAILABLE. */
  let consentDown = false;
  const context = await h.newContext({
    intercept: async (route, url) => {
      if (!consentDown || !url.endsWith('/graphql') || !(route.request().postData() ?? '').includes('mutation RecordConsent')) return false;
      const errors = [{ message: 'the database cannot be reached', extensions: { code: 'UNAVAILABLE' } }];
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors }) });
      return true;
    },
  });
  const page = watch(await context.newPage());
  await page.goto(`${origin}/participants`);
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  await h.signIn(page, email, password);
  await page.getByRole('heading', { name: 'Participants', level: 1 }).waitFor();
  check(new URL(page.url()).pathname === '/participants', 'after sign-in, back to /participants');
  check((await page.getByRole('link', { name: 'Participants', exact: true }).getAttribute('aria-current')) === 'page', 'the navigation has « Participants », marked as the current page');

  // The list: 20 people, then « Afficher plus de personnes ».
  await page.getByText('20 personnes affichées, il y en a d’autres').waitFor();
  check((await list(page).getByRole('listitem').count()) === 20, 'the list shows the first 20 people');
  await axe(page, 'the participants list');
  await shot(page, 'participants');
  await page.getByRole('button', { name: 'Afficher plus de personnes' }).click();
  await page.getByText('23 personnes', { exact: true }).waitFor();
  check((await list(page).getByRole('listitem').count()) === 23 && (await page.getByRole('button', { name: 'Afficher plus de personnes' }).count()) === 0, '« Afficher plus » brings the other 3, and then goes away');

  // The search: accents and case aside, the region's people only, nothing in the address.
  await page.getByLabel('Rechercher (nom, courriel)').fill('leo');
  await page.getByText('1 personne', { exact: true }).waitFor();
  const found = await list(page).getByRole('listitem').allInnerTexts();
  check(found.length === 1 && found[0].includes('Léo Tremblay') && found[0].includes('naissance : 2003'), `« leo » finds « Léo Tremblay », never the other region's Léonie (${found.join(' | ').replaceAll('\n', ' ')})`);
  check(!page.url().includes('leo'), 'the search is not in the address');
  await page.getByLabel('Rechercher (nom, courriel)').fill('TREMBLAY LÉO');
  await page.getByRole('link', { name: 'Léo Tremblay' }).waitFor();
  await page.getByLabel('Rechercher (nom, courriel)').fill('zzz');
  await page.getByText('Personne ne correspond à cette recherche.').waitFor();
  check(true, 'every word counts, in any order; no match says so');
  await axe(page, 'the participants search');
  await page.getByLabel('Rechercher (nom, courriel)').fill('');

  // Registering Maëlle Côté. Submitted empty, the form says what is missing, under each field.
  await page.getByRole('link', { name: 'Inscrire une personne' }).click();
  await page.getByRole('heading', { name: 'Inscrire une personne', level: 1 }).waitFor();
  const today = new Date().toLocaleDateString('en-CA');
  check((await page.getByLabel('Date du consentement').inputValue()) === today, 'the consent date is today by default');
  await page.getByRole('button', { name: 'Inscrire la personne' }).click();
  await page.getByRole('alert').filter({ hasText: '3 champs sont à corriger' }).waitFor();
  check((await page.getByText('Ce champ est obligatoire.').count()) === 2 && (await page.getByText('Cochez au moins une finalité.').count()) === 1, 'submitted empty: both names and a purpose are asked for, under their fields');
  check((await page.getByLabel('Prénom').getAttribute('aria-invalid')) === 'true', 'a field in error is marked aria-invalid');
  await axe(page, 'the registration form with its errors');
  await page.getByLabel('Prénom').fill('Maëlle');
  await page.getByLabel('Nom', { exact: true }).fill('Côté');
  await page.getByLabel('Courriel').fill('maelle.cote@exemple.ca');
  await page.getByLabel('Année de naissance').fill('2002');
  await page.getByLabel('Genre').selectOption({ label: 'Femme' });
  await page.getByLabel('MRC de résidence').fill('Drummond');
  await page.getByLabel('Participer au parcours : accompagnement, activités, suivis').check();
  await page.getByLabel('Être comptée ou compté, anonymement, dans les rapports aux bailleurs de fonds').check();
  // A reload loses nothing: the draft (and its idempotency key) comes back.
  const before = await waitForDraft(page, (d) => d?.identity?.mrc === 'Drummond' && d.consent.purposes.length === 2);
  check(before?.identity?.firstName === 'Maëlle' && typeof before.key === 'string' && before.key.length > 0, 'the form is kept as a local draft, with its idempotency key');
  await page.reload();
  await page.getByText('Brouillon retrouvé').waitFor();
  check(
    (await page.getByLabel('Prénom').inputValue()) === 'Maëlle' &&
      (await page.getByLabel('MRC de résidence').inputValue()) === 'Drummond' &&
      (await page.getByLabel('Être comptée ou compté, anonymement, dans les rapports aux bailleurs de fonds').isChecked()),
    'after a reload, the form comes back from its draft',
  );
  check((await draftIn(page))?.key === before.key, 'with the same idempotency key');
  check((await warningOf(page).count()) === 0, 'no duplicate warning for a new person');
  await axe(page, 'the registration form');
  await shot(page, 'participants-form');
  await page.getByRole('button', { name: 'Inscrire la personne' }).click();
  await page.getByRole('heading', { name: 'Maëlle Côté', level: 1 }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Inscription enregistrée : Maëlle Côté.' }).waitFor();
  const maelle = idOf(page);
  check(!/ma[eë]lle|c[oô]t[eé]/i.test(page.url()), `the person's address holds no name (${new URL(page.url()).pathname})`);
  check((await draftIn(page)) === null, 'once registered, the draft is deleted');
  const saved = await person(page, maelle);
  check(
    saved.email === 'maelle.cote@exemple.ca' && saved.birthYear === 2002 && saved.mrc === 'Drummond' && saved.consents.length === 1 && saved.consents[0].inForce && saved.consents[0].purposes.join() === 'PROGRAM_DELIVERY,REPORTING',
    `the API holds her, with her consent (${JSON.stringify(saved)})`,
  );
  const details = page.getByRole('region', { name: 'Renseignements' });
  check((await details.innerText()).includes('Femme') && (await page.getByRole('region', { name: 'Consentements' }).innerText()).includes('en vigueur'), 'her page shows her details and her consent in force');
  await axe(page, 'the participant page');
  await shot(page, 'participant');

  // The same person again: a similar name and the same birth year.
  await page.getByRole('link', { name: 'Participants', exact: true }).click();
  await page.getByRole('link', { name: 'Inscrire une personne' }).click();
  await page.getByRole('heading', { name: 'Inscrire une personne', level: 1 }).waitFor();
  check((await page.getByLabel('Prénom').inputValue()) === '' && (await page.getByText('Brouillon retrouvé').count()) === 0, 'a new registration starts empty');
  await page.getByLabel('Prénom').fill('Maelle');
  await page.getByLabel('Nom', { exact: true }).fill('Cote');
  await page.getByLabel('Année de naissance').fill('2002');
  await warningOf(page).waitFor();
  const warned = await warningOf(page).innerText();
  check(warned.includes('Maëlle Côté') && warned.includes('naissance : 2002'), `as the agent types, the likely duplicate is shown (${warned.replaceAll('\n', ' / ')})`);
  await page.getByLabel('Participer au parcours : accompagnement, activités, suivis').check();
  await page.getByRole('button', { name: 'Inscrire la personne' }).click();
  await page.getByRole('button', { name: 'Créer quand même' }).waitFor();
  check((await page.getByRole('alert').filter({ hasText: 'Vérifiez ces fiches avant de créer' }).count()) === 1, 'submitting stops on the warning, which offers « Créer quand même »');
  check((await page.evaluate(() => document.activeElement?.textContent ?? '')).startsWith('Cette personne est peut-être déjà inscrite'), 'the focus moves to the warning');
  await axe(page, 'the duplicate warning');
  await shot(page, 'participants-duplicate');
  // The same email, with another name: still her.
  await page.getByLabel('Prénom').fill('Marie');
  await page.getByLabel('Nom', { exact: true }).fill('Dubois');
  await page.getByLabel('Année de naissance').fill('');
  await page.getByLabel('Courriel').fill('MAELLE.COTE@exemple.ca');
  await warningOf(page).getByText('maelle.cote@exemple.ca').waitFor();
  check((await page.getByRole('button', { name: 'Créer quand même' }).count()) === 0, 'the same email is a likely duplicate too (and a changed form is not confirmed by the earlier stop)');
  // Open the existing person instead.
  await warningOf(page).getByRole('link', { name: 'Ouvrir la fiche de Maëlle Côté' }).click();
  await page.getByRole('heading', { name: 'Maëlle Côté', level: 1 }).waitFor();
  check(idOf(page) === maelle, 'the link opens the existing person');
  check((await draftIn(page)) === null, 'opening the existing person abandons the registration and deletes its draft');
  const maelles = (await search(page, 'maelle')).length + (await search(page, 'dubois')).length;
  check(maelles === 1, `the API holds her once: the duplicate was not created (${maelles})`);

  // « Créer quand même »: another Camille Roy born in 2001 is someone else.
  await page.getByRole('link', { name: 'Retour aux participants' }).click();
  await page.getByRole('link', { name: 'Inscrire une personne' }).click();
  await page.getByLabel('Prénom').fill('Camille');
  await page.getByLabel('Nom', { exact: true }).fill('Roy');
  await page.getByLabel('Année de naissance').fill('2001');
  await page.getByLabel('Participer au parcours : accompagnement, activités, suivis').check();
  await warningOf(page).getByText('Camille Roy', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Inscrire la personne' }).click();
  await page.getByRole('button', { name: 'Créer quand même' }).click();
  await page.getByRole('heading', { name: 'Camille Roy', level: 1 }).waitFor();
  const camilles = await search(page, 'camille roy');
  check(camilles.length === 2, `« Créer quand même » registers the second Camille Roy (${camilles.length} in the API)`);

  // The session ends in the middle of the form: a sign-in box opens above it, and the form
  // keeps what was typed.
  await page.getByRole('link', { name: 'Retour aux participants' }).click();
  await page.getByRole('link', { name: 'Inscrire une personne' }).click();
  await page.getByLabel('Prénom').fill('Jade');
  await page.getByLabel('Nom', { exact: true }).fill('Morin-Lachance');
  await page.getByLabel('Année de naissance').fill('2004');
  await page.getByLabel('Recevoir des nouvelles et des invitations').check();
  await page.waitForTimeout(800); // the duplicate check while typing: nobody
  const elsewhere = await h.newContext();
  await elsewhere.request.post(`${origin}/session`, { data: { email, password }, headers: { 'x-sismic-request': '1' } });
  await elsewhere.request.delete(`${origin}/session`, { headers: { 'x-sismic-request': '1' } });
  await elsewhere.close();
  await page.getByRole('button', { name: 'Inscrire la personne' }).click();
  const again = page.getByRole('dialog', { name: 'Connexion' });
  await again.waitFor();
  await again.getByLabel('Adresse courriel').fill(email);
  await again.getByLabel('Mot de passe').fill(password);
  await again.getByRole('button', { name: 'Se connecter' }).click();
  await again.waitFor({ state: 'detached' });
  check((await page.getByLabel('Nom', { exact: true }).inputValue()) === 'Morin-Lachance' && (await page.getByLabel('Recevoir des nouvelles et des invitations').isChecked()), 'after the session expired and a new sign-in, the form still holds what was typed');
  // Registered, but the consent cannot be recorded (two requests: the second fails).
  consentDown = true;
  await page.getByRole('button', { name: 'Inscrire la personne' }).click();
  await page.getByRole('alert').filter({ hasText: 'La personne est inscrite, mais son consentement n’est pas encore enregistré' }).waitFor();
  check((await page.getByRole('button', { name: 'Enregistrer le consentement' }).count()) === 1, 'when only the consent fails, the form says so and offers to record it');
  await page.waitForTimeout(600);
  await page.reload();
  await page.getByText('Cette personne est déjà inscrite ; il reste à enregistrer son consentement.').waitFor();
  check((await page.getByLabel('Prénom').inputValue()) === 'Jade' && (await page.getByLabel('Prénom').getAttribute('readonly')) !== null, 'after a reload, the draft knows the person is registered (her names are read-only)');
  consentDown = false;
  await page.getByRole('button', { name: 'Enregistrer le consentement' }).click();
  await page.getByRole('heading', { name: 'Jade Morin-Lachance', level: 1 }).waitFor();
  const jades = await search(page, 'jade');
  const jade = jades.length === 1 ? await person(page, jades[0].id) : null;
  check(jades.length === 1 && jade?.consents.length === 1 && jade.consents[0].purposes.join() === 'COMMUNICATIONS', `and the person is registered once, with her consent (${jades.length}, ${JSON.stringify(jade?.consents)})`);

  // Editing Maëlle: a wrong year is caught, then the MRC and email corrected.
  await page.goto(`${origin}/participants/${encodeURIComponent(maelle)}`);
  await page.getByRole('heading', { name: 'Maëlle Côté', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Modifier' }).click();
  const edit = page.getByRole('form', { name: 'Modifier les renseignements' });
  await edit.getByLabel('MRC de résidence').fill('Arthabaska');
  await edit.getByLabel('Courriel').fill('maelle.c@exemple.ca');
  await edit.getByLabel('Année de naissance').fill('20');
  await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await edit.getByText('Une année de 1900 à cette année').waitFor();
  await axe(page, 'the edit form with an error');
  await edit.getByLabel('Année de naissance').fill('2002');
  await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await page.getByRole('status').filter({ hasText: 'Renseignements mis à jour.' }).waitFor();
  await details.getByText('Arthabaska').waitFor();
  const edited = await person(page, maelle);
  check(edited.mrc === 'Arthabaska' && edited.email === 'maelle.c@exemple.ca' && edited.birthYear === 2002, `the correction is saved (${edited.mrc}, ${edited.email})`);

  // Consents: record another, then withdraw those in force (after a confirmation).
  check((await page.getByRole('form', { name: 'Enregistrer un consentement' }).count()) === 0, 'with a consent in force, the form to record another waits behind a button');
  await page.getByRole('button', { name: 'Enregistrer un nouveau consentement…' }).click();
  const consentForm = page.getByRole('form', { name: 'Enregistrer un consentement' });
  await consentForm.getByLabel('Recevoir des nouvelles et des invitations').check();
  await consentForm.getByRole('button', { name: 'Enregistrer ce consentement' }).click();
  await page.getByRole('status').filter({ hasText: 'Consentement enregistré.' }).waitFor();
  const consents = page.getByRole('region', { name: 'Consentements' });
  check((await consents.getByText('en vigueur').count()) === 2, 'a second consent is recorded, in force');
  await page.getByRole('button', { name: 'Retirer le consentement…' }).click();
  const withdraw = page.getByRole('dialog', { name: 'Retirer le consentement de Maëlle Côté ?' });
  await withdraw.waitFor();
  await axe(page, 'the withdraw-consent dialog');
  await withdraw.getByRole('button', { name: 'Retirer le consentement' }).click();
  await page.getByRole('status').filter({ hasText: 'Consentement retiré.' }).waitFor();
  check((await consents.getByText(/retiré le/).count()) === 2 && (await consents.getByText('en vigueur').count()) === 0, 'withdrawn, both consents say « retiré le … »');
  const withdrawn = await person(page, maelle);
  check(withdrawn.consents.length === 2 && withdrawn.consents.every((c) => !c.inForce && c.withdrawnOn === today), 'the API has both consents withdrawn today');

  // The Law 25 access export: a JSON file named by id, holding what is kept about her.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger ses données (JSON)' }).click()]);
  const fileName = download.suggestedFilename();
  check(/^sismic-participant-[A-Za-z0-9_-]+-\d{4}-\d{2}-\d{2}\.json$/.test(fileName) && fileName.includes(maelle) && !/ma[eë]lle|c[oô]t[eé]/i.test(fileName), `the export's file is named by id, not by name (${fileName})`);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  check(
    exported.participant?.first_name === 'Maëlle' &&
      exported.participant?.last_name === 'Côté' &&
      exported.participant?.email === 'maelle.c@exemple.ca' &&
      exported.participant?.mrc === 'Arthabaska' &&
      exported.consents?.length === 2 &&
      exported.region?.name === 'Région A' &&
      typeof exported.exportedAt === 'string',
    `the file holds her data: identity, region, consents (${JSON.stringify(exported).slice(0, 300)}…)`,
  );
  await page.getByRole('status').filter({ hasText: 'Les données de la personne sont téléchargées.' }).waitFor();

  // Erasure, behind a dialog that says what it does and that it cannot be undone.
  await page.getByRole('button', { name: 'Effacer cette personne…' }).click();
  const erase = page.getByRole('dialog', { name: 'Effacer Maëlle Côté pour de bon ?' });
  await erase.waitFor();
  const eraseText = await erase.innerText();
  check(eraseText.includes('prénom, son nom, son courriel et ses consentements seront supprimés') && eraseText.includes('irréversible'), 'the dialog says what is erased, what stays, and that it cannot be undone');
  check((await page.evaluate(() => document.activeElement?.textContent)) === 'Annuler', 'the focus starts on « Annuler »');
  await axe(page, 'the erase dialog');
  await shot(page, 'participants-erase');
  await erase.getByRole('button', { name: 'Annuler' }).click();
  check((await person(page, maelle)).anonymized === false, '« Annuler » erases nothing');
  await page.getByRole('button', { name: 'Effacer cette personne…' }).click();
  await erase.getByRole('button', { name: 'Effacer définitivement' }).click();
  await page.getByRole('heading', { name: 'Personne effacée', level: 1 }).waitFor();
  await page.getByRole('status').filter({ hasText: 'L’identité de la personne est effacée.' }).waitFor();
  check(
    (await page.getByText('L’identité de cette personne a été effacée pour de bon').count()) === 1 &&
      (await page.getByRole('button', { name: 'Modifier' }).count()) === 0 &&
      (await page.getByRole('button', { name: 'Effacer cette personne…' }).count()) === 0 &&
      (await page.getByText('Maëlle').count()) === 0,
    'afterwards the page shows the person as erased, with nothing left to edit',
  );
  const gone = await person(page, maelle);
  check(gone.anonymized === true && gone.firstName !== 'Maëlle' && gone.email === null && gone.consents.length === 0 && gone.mrc === 'Arthabaska', `the API has her erased (${JSON.stringify(gone)})`);
  await axe(page, 'an erased participant');
  await shot(page, 'participant-erased');

  // English one switch away.
  await page.getByRole('link', { name: 'Retour aux participants' }).click();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('link', { name: 'Register someone' }).waitFor();
  await page.getByRole('button', { name: 'Show more people' }).waitFor();
  check((await page.getByText('20 people shown, there are more').count()) === 1 && (await page.getByLabel('Search (name, email)').count()) === 1, 'English is one switch away');
  await page.getByRole('button', { name: 'Passer au français' }).click();
  await page.getByRole('link', { name: 'Inscrire une personne' }).waitFor();

  // A phone: 390 px wide.
  // Its network is slow to answer likelyDuplicates (0.7 s), so the check made on submit is
  // overtaken by the one made while typing: the registration must still wait for its answer.
  const slowDuplicates = async (route, url) => {
    if (!url.endsWith('/graphql') || !(route.request().postData() ?? '').includes('LikelyDuplicates')) return false;
    const answer = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.fulfill({ response: answer });
    return true;
  };
  const phone = await h.newContext({ width: 390, height: 844, intercept: slowDuplicates });
  await phone.request.post(`${origin}/session`, { data: { email, password }, headers: { 'x-sismic-request': '1' } });
  const phonePage = watch(await phone.newPage());
  await phonePage.goto(`${origin}/participants`);
  await phonePage.getByText('20 personnes affichées, il y en a d’autres').waitFor();
  check((await overflow(phonePage)) <= 0, `at 390 px the list does not overflow sideways (${await overflow(phonePage)} px)`);
  await axe(phonePage, 'the participants list at 390 px');
  await shot(phonePage, 'participants-390');
  await phonePage.getByRole('link', { name: 'Inscrire une personne' }).click();
  await phonePage.getByLabel('Prénom').fill('leo');
  await phonePage.getByLabel('Nom', { exact: true }).fill('TREMBLAY');
  await phonePage.getByLabel('Année de naissance').fill('2003');
  await phonePage.getByLabel('Participer au parcours : accompagnement, activités, suivis').check();
  await phonePage.getByRole('button', { name: 'Inscrire la personne' }).click();
  await phonePage.getByRole('button', { name: 'Créer quand même' }).waitFor();
  check((await overflow(phonePage)) <= 0, `at 390 px the form and its warning do not overflow (${await overflow(phonePage)} px)`);
  await axe(phonePage, 'the duplicate warning at 390 px');
  await shot(phonePage, 'participants-duplicate-390');
  await phonePage.getByRole('button', { name: 'Annuler l’inscription' }).click();
  await phonePage.getByRole('heading', { name: 'Participants', level: 1 }).waitFor();
  check((await draftIn(phonePage)) === null, 'cancelling the registration deletes its draft');
  check((await search(phonePage, 'leo tremblay')).length === 1, 'and nobody was created (a slow duplicate check is waited for)');
  await phonePage.getByLabel('Rechercher (nom, courriel)').fill('léo');
  await phonePage.getByRole('link', { name: 'Léo Tremblay' }).click();
  await phonePage.getByRole('heading', { name: 'Léo Tremblay', level: 1 }).waitFor();
  check((await phonePage.getByRole('region', { name: 'Projets' }).getByRole('link', { name: 'Coop du rang' }).count()) === 1, 'his page links to the project whose team he is on');
  check((await phonePage.getByRole('form', { name: 'Enregistrer un consentement' }).count()) === 1, 'with no consent recorded, the form to record one is open');
  check((await overflow(phonePage)) <= 0, `at 390 px the participant page does not overflow (${await overflow(phonePage)} px)`);
  await axe(phonePage, 'the participant page at 390 px');
  await shot(phonePage, 'participant-390');
  await phone.close();

  // An administrator registers in the region they choose; the duplicate check is that region's.
  if (adminEmail) {
    const { context: adminContext, page: adminPage } = await h.signedInPage(adminEmail, password);
    await adminPage.goto(`${origin}/participants/nouveau`);
    await adminPage.getByLabel('Prénom').fill('Léonie');
    await adminPage.getByLabel('Nom', { exact: true }).fill('Tremblay');
    await adminPage.getByLabel('Année de naissance').fill('2003');
    await adminPage.getByLabel('Participer au parcours : accompagnement, activités, suivis').check();
    await adminPage.getByRole('button', { name: 'Inscrire la personne' }).click();
    await adminPage.getByText('Choisissez la région.').waitFor();
    await adminPage.getByLabel('Région').selectOption({ label: 'Région B' });
    await adminPage.getByRole('button', { name: 'Inscrire la personne' }).click();
    await adminPage.getByRole('button', { name: 'Créer quand même' }).waitFor();
    check((await warningOf(adminPage).getByText('Léonie Tremblay', { exact: true }).count()) === 1, 'an administrator chooses the region, and is warned of that region\'s likely duplicate');
    await axe(adminPage, 'the administrator\'s registration form');
    await adminPage.getByRole('button', { name: 'Annuler l’inscription' }).click();
    await adminPage.getByRole('heading', { name: 'Participants', level: 1 }).waitFor();
    await adminContext.close();
  }

  // Sign-out leaves no draft behind.
  await page.getByRole('link', { name: 'Inscrire une personne' }).click();
  await page.getByLabel('Prénom').fill('Brouillon');
  check((await waitForDraft(page, (d) => d?.identity?.firstName === 'Brouillon')) !== null, 'a draft is kept while the form is open');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  check((await draftIn(page)) === null, 'signing out deletes the draft (nothing personal stays in the browser)');

  await h.finish('the participants screens work in Chromium', [page]);
} catch (error) {
  h.crashed(error);
  await h.finish('the participants screens work in Chromium');
}
