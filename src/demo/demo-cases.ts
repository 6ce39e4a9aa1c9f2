import type { Actor } from '../shared';
import type { Services } from '../services';

/**
 * Cases of the demo round in every state, so a newcomer sees the queue, a referral and an
 * acknowledgement: the watch-listed pupil who never came back was reported as acute and
 * social services confirmed it; another pupil is reported and waits for confirmation;
 * one is being investigated; the protected pupil's case is new; one case is closed.
 */
export async function seedDemoCases(services: Services, system: Actor, roundId: number): Promise<void> {
  const coordinator = services.auth.actorForEmail('samordnare@exempelkommun.test')!;
  const social = services.auth.actorForEmail('socialtjanst@exempelkommun.test')!;
  const unitId = services.referrals.saveUnit(system, null, {
    name: 'Socialtjänstens mottagning, barn och unga',
    email: 'mottagning@exempelkommun.test',
    onCallPhone: '010-000 00 00',
    members: [String(social.userId)],
  });
  const cases = services.cases.queue(coordinator, { round: roundId }).cases;
  const byName = (first: string) => cases.find((c) => c.pupil.name?.startsWith(first));
  const omar = byName('Omar');
  const wilma = byName('Wilma');
  const leo = byName('Leo');
  const elsa = byName('Elsa');
  const referral = {
    reporterName: 'Sara Samordnare',
    reporterTitle: 'Samordnare för elevers frånvaro',
    reporterWorkplace: 'Exempelkommun, utbildningsförvaltningen',
    reporterPhone: '010-000 00 01',
    pupilKnows: 'no',
    interpreterNeeded: 'unknown',
    acuteDanger: 'unknown',
  };
  for (const c of [omar, wilma, leo, elsa]) if (c) services.cases.assign(coordinator, [c.id], coordinator.userId);
  if (omar) {
    services.cases.addContact(coordinator, omar.id, { party: 'skatteverket', date: cases[0]!.createdAt.slice(0, 10), result: 'Ingen anmälan om utflyttning.' });
    const sent = await services.referrals.save(
      coordinator,
      omar.id,
      {
        ...referral,
        unitId,
        urgency: 'acute',
        guardian1Informed: 'no',
        guardian1NotInformedWhy: 'Risk för hedersrelaterat våld: ett äldre syskon fördes utomlands förra året.',
        concernSeen: 'Eleven har inte varit i skolan någon dag sedan terminsstart. Ledighet till och med augusti söktes och avslogs.',
        concernHeard: 'En klasskamrat säger att familjen rest utomlands i juni och att eleven ”inte ska komma tillbaka”.',
        informationSource: 'Klasskamrat till mentor; mentor till rektor.',
        acuteDanger: 'yes',
        acuteDangerDescription: 'Eleven kan hållas kvar utomlands mot sin vilja.',
      },
      true,
    );
    await services.referrals.acknowledge(social, sent.id, { reference: 'SN 2026/1042' });
  }
  if (wilma) {
    services.cases.transition(coordinator, wilma.id, { action: 'start' });
    await services.referrals.save(
      coordinator,
      wilma.id,
      {
        ...referral,
        unitId,
        urgency: 'normal',
        guardian1Informed: 'yes',
        concernSeen: 'Eleven har inte varit närvarande sedan terminsstart; frånvaron är ogiltig sedan tredje dagen.',
        informationSource: 'Skolans närvaroregistrering.',
      },
      true,
    );
  }
  if (leo) {
    services.cases.transition(coordinator, leo.id, { action: 'start' });
    services.cases.addNote(coordinator, leo.id, { text: 'Frånvaron är spridd. Mentor har bokat samtal med eleven.' });
    services.cases.setRecheck(coordinator, leo.id, { date: services.clock().toISOString().slice(0, 10) });
  }
  if (elsa) {
    services.cases.transition(coordinator, elsa.id, { action: 'start' });
    services.cases.addContact(coordinator, elsa.id, { party: 'pupil', date: elsa.createdAt.slice(0, 10), result: 'Eleven är i skolan och mår bra.' });
    services.cases.transition(coordinator, elsa.id, { action: 'close', outcome: 'returned', comment: 'Eleven har varit närvarande hela perioden.' });
  }
}
