import { csvCells, IMPORT_HEADERS, importCsv, importRows } from './duo-import-file.js';

describe('reading an import file', () => {
  it('reads CSV separated by ; or , with quotes, doubled quotes and line breaks inside quotes', () => {
    expect(csvCells('a;b;c\r\n"x;1";"zei ""ja""";"twee\nregels"\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['x;1', 'zei "ja"', 'twee\nregels'],
    ]);
    expect(csvCells('a,b\n1,"2,5"')).toEqual([
      ['a', 'b'],
      ['1', '2,5'],
    ]);
  });

  it('reads back the CSV it writes: what the preview page posts to confirm is the same registrations', () => {
    const duo = {
      municipality: 'Gemeente "Oost"',
      provider: 'Stichting; Buurtwerk',
      collectiveServices: ['jongerenwerk', 'dagbesteding in de wijk'],
      questions: 'Eerste regel\nTweede regel',
      expectations: '',
      contactPersons: [
        { side: 'municipality' as const, name: 'Sanne de Wit', email: 's.dewit@gemeente.example', phone: '030-1234567' },
        { side: 'provider' as const, name: 'Joris Bakker', email: 'j.bakker@buurtwerk.example' },
      ],
    };
    const [row] = importRows(csvCells(importCsv([duo])));
    expect(row).toEqual({ row: 2, duo, errors: [] });
  });

  it('names every missing field and a bad e-mail address beside its row', () => {
    const header = IMPORT_HEADERS.join(';');
    const [row] = importRows(csvCells(`${header}\n;Stichting;jongerenwerk;;;Anna;anna@;;;b@b.example;`));
    expect(row.errors).toEqual(['Gemeente ontbreekt.', 'Contactpersoon uitvoerder ontbreekt.', 'E-mail gemeente is geen e-mailadres: anna@.']);
  });

  it('names one address given for both contact persons (in any case) beside its row', () => {
    const header = IMPORT_HEADERS.join(';');
    const [row] = importRows(csvCells(`${header}\nGemeente A;Stichting B;jongerenwerk;;;Anna;anna@a.example;;Bram;ANNA@a.example;`));
    expect(row.errors).toEqual(['E-mail uitvoerder is hetzelfde adres als E-mail gemeente: iedere contactpersoon heeft een eigen adres.']);
  });
});
