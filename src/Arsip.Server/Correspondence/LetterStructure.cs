using Arsip.Organization;

namespace Arsip.Correspondence;

/// <summary>
/// The parts a kind of naskah dinas has beside its body (Permendagri 1/2023): a keputusan's menimbang, mengingat and
/// diktum; a surat perintah or tugas's dasar, the people it sends and what for; an undangan's event; a pengantar's items;
/// a laporan's or telaahan staf's sections; lampiran pages; and for every kind whether it is signed a.n. or u.b. a superior
/// (<see cref="SigningOnBehalf"/>). Each kind takes the fields <see cref="LetterKinds"/> names;
/// a letter drafted before kinds had structure has none and prints as before.
/// </summary>
public sealed record LetterStructure(
    string[]? Considerations = null,
    string[]? LegalBases = null,
    string[]? Observations = null,
    string? Establishes = null,
    string[]? Diktums = null,
    AssignedPerson[]? People = null,
    string[]? Purposes = null,
    EventDetails? Event = null,
    ItemRow[]? Items = null,
    LetterSection[]? Sections = null,
    LetterAppendix[]? Appendices = null,
    SignatureForm? OnBehalf = null);

/// <summary>With a <c>PersonId</c> the name, NIP, pangkat and jabatan are taken from the organization when the draft is saved.</summary>
public sealed record AssignedPerson(Guid? PersonId = null, string? Name = null, string? Nip = null, string? Rank = null, string? Position = null);

/// <summary>An undangan's hari/tanggal (a local date), waktu, tempat and acara.</summary>
public sealed record EventDetails(DateOnly? Date = null, string? Time = null, string? Place = null, string? Agenda = null);

/// <summary>A surat pengantar's line: the naskah or goods sent, how many, remarks.</summary>
public sealed record ItemRow(string? Description = null, string? Quantity = null, string? Remarks = null);

public sealed record LetterSection(string? Heading = null, string? Text = null);

public sealed record LetterAppendix(string? Title = null, string? Text = null);

/// <summary>Which structure each kind takes and requires; one table for validation, the form, the PDF and the README.</summary>
public static class LetterKinds
{
    public const int MaxItems = 100;

    /// <summary>The kind's name as the agenda book, the pages and search show it.</summary>
    public static string Label(LetterKind kind) => kind switch
    {
        LetterKind.SuratDinas => "Surat Dinas",
        LetterKind.NotaDinas => "Nota Dinas",
        LetterKind.SuratUndangan => "Surat Undangan",
        LetterKind.SuratEdaran => "Surat Edaran",
        LetterKind.SuratKeputusan => "Surat Keputusan",
        LetterKind.SuratPerintah => "Surat Perintah",
        LetterKind.SuratTugas => "Surat Tugas",
        LetterKind.SuratKeterangan => "Surat Keterangan",
        LetterKind.BeritaAcara => "Berita Acara",
        LetterKind.SuratPengantar => "Surat Pengantar",
        LetterKind.Instruksi => "Instruksi",
        LetterKind.Pengumuman => "Pengumuman",
        LetterKind.Laporan => "Laporan",
        LetterKind.TelaahanStaf => "Telaahan Staf",
        _ => kind.ToString(),
    };
    public const int MaxText = 20_000;

    /// <summary>The kinds whose content is their body text; the others carry it in their structure and may leave the body empty.</summary>
    public static bool NeedsBody(LetterKind kind) => kind is LetterKind.SuratDinas or LetterKind.NotaDinas or LetterKind.SuratUndangan
        or LetterKind.SuratEdaran or LetterKind.SuratKeterangan or LetterKind.BeritaAcara or LetterKind.Pengumuman;

    /// <summary>Surat perintah and surat tugas send civil servants, named by NIP.</summary>
    public static bool NeedsPeopleWithNip(LetterKind kind) => kind is LetterKind.SuratPerintah or LetterKind.SuratTugas;

    /// <summary>The structure fields a kind takes (camelCase, as in the API); what it does not take is ignored.</summary>
    public static IReadOnlyList<string> Fields(LetterKind kind) => kind switch
    {
        LetterKind.SuratKeputusan => ["considerations", "legalBases", "observations", "establishes", "diktums", "appendices", "onBehalf"],
        LetterKind.SuratPerintah => ["considerations", "legalBases", "people", "purposes", "appendices", "onBehalf"],
        LetterKind.SuratTugas => ["legalBases", "people", "purposes", "appendices", "onBehalf"],
        LetterKind.Instruksi => ["diktums", "appendices", "onBehalf"],
        LetterKind.SuratUndangan => ["event", "appendices", "onBehalf"],
        LetterKind.SuratPengantar => ["items", "appendices", "onBehalf"],
        LetterKind.SuratKeterangan => ["people", "appendices", "onBehalf"],
        LetterKind.BeritaAcara => ["people", "appendices", "onBehalf"],
        LetterKind.Laporan or LetterKind.TelaahanStaf => ["sections", "appendices", "onBehalf"],
        _ => ["appendices", "onBehalf"],
    };

    /// <summary>Field errors keyed like <c>structure.diktums</c> or <c>structure.people[1].nip</c>.</summary>
    public static void Validate(LetterKind kind, LetterStructure? s, Dictionary<string, string[]> errors)
    {
        var fields = Fields(kind);
        void Need(bool ok, string field, string message) { if (!ok) errors[$"structure.{field}"] = [message]; }
        bool Some(string[]? items) => items is { Length: > 0 } && items.All(i => !string.IsNullOrWhiteSpace(i));

        switch (kind)
        {
            case LetterKind.SuratKeputusan:
                Need(Some(s?.Considerations), "considerations", "Keputusan wajib memuat konsiderans menimbang (considerations required).");
                Need(Some(s?.LegalBases), "legalBases", "Keputusan wajib memuat dasar hukum mengingat (legal bases required).");
                Need(Some(s?.Diktums), "diktums", "Keputusan wajib memuat paling sedikit satu diktum (at least one diktum).");
                break;
            case LetterKind.Instruksi:
                Need(Some(s?.Diktums), "diktums", "Instruksi wajib memuat paling sedikit satu butir instruksi (at least one diktum).");
                break;
            case LetterKind.SuratPerintah or LetterKind.SuratTugas:
                Need(s?.People is { Length: > 0 }, "people", "Wajib menyebut paling sedikit satu orang yang diperintahkan/ditugaskan (at least one person).");
                Need(Some(s?.Purposes), "purposes", "Wajib menyebut untuk apa perintah/tugas diberikan (purposes required).");
                break;
            case LetterKind.SuratUndangan:
                Need(s?.Event?.Date is not null, "event.date", "Hari/tanggal acara wajib diisi (event date required).");
                Need(!string.IsNullOrWhiteSpace(s?.Event?.Time), "event.time", "Waktu acara wajib diisi (event time required).");
                Need(!string.IsNullOrWhiteSpace(s?.Event?.Place), "event.place", "Tempat acara wajib diisi (event place required).");
                break;
            case LetterKind.SuratPengantar:
                Need(s?.Items is { Length: > 0 }, "items", "Surat pengantar wajib memuat paling sedikit satu naskah/barang (at least one item).");
                foreach (var (item, i) in (s?.Items ?? []).Select((x, i) => (x, i)))
                {
                    Need(!string.IsNullOrWhiteSpace(item.Description), $"items[{i}].description", "Uraian naskah/barang wajib diisi (description required).");
                    Need(!string.IsNullOrWhiteSpace(item.Quantity), $"items[{i}].quantity", "Banyaknya wajib diisi (quantity required).");
                }
                break;
            case LetterKind.Laporan or LetterKind.TelaahanStaf:
                Need(s?.Sections is { Length: > 0 } sections && sections.All(x => !string.IsNullOrWhiteSpace(x.Heading) && !string.IsNullOrWhiteSpace(x.Text)),
                    "sections", "Wajib memuat bagian-bagian dengan judul dan isi (sections with heading and text required).");
                break;
        }

        if (fields.Contains("people"))
            foreach (var (person, i) in (s?.People ?? []).Select((x, i) => (x, i)))
                if (person.PersonId is null && string.IsNullOrWhiteSpace(person.Name))
                    Need(false, $"people[{i}].name", "Nama wajib diisi, atau pilih pegawai (name or personId required).");

        foreach (var (appendix, i) in (s?.Appendices ?? []).Select((x, i) => (x, i)))
            Need(!string.IsNullOrWhiteSpace(appendix.Title) && !string.IsNullOrWhiteSpace(appendix.Text), $"appendices[{i}]",
                "Lampiran wajib berjudul dan berisi (appendix title and text required).");

        if (s is null) return;
        var lists = new[] { s.Considerations, s.LegalBases, s.Observations, s.Diktums, s.Purposes };
        if (lists.Any(l => l?.Length > MaxItems) || s.People?.Length > MaxItems || s.Items?.Length > MaxItems || s.Sections?.Length > MaxItems || s.Appendices?.Length > 20)
            errors["structure"] = [$"Paling banyak {MaxItems} butir per daftar (at most {MaxItems} items per list)."];
        var texts = lists.SelectMany(l => l ?? []).Append(s.Establishes)
            .Concat((s.Sections ?? []).Select(x => x.Text)).Concat((s.Appendices ?? []).Select(x => x.Text));
        if (texts.Any(t => t?.Length > MaxText)) errors["structure"] = [$"Setiap isian paling banyak {MaxText} karakter (at most {MaxText} characters per entry)."];
    }

    /// <summary>Only the fields the kind takes, trimmed, blank list entries dropped; null when nothing is left.</summary>
    public static LetterStructure? Normalize(LetterKind kind, LetterStructure? s)
    {
        if (s is null) return null;
        var fields = Fields(kind);
        string[]? List(string field, string[]? items)
        {
            if (!fields.Contains(field) || items is null) return null;
            var kept = items.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).ToArray();
            return kept.Length > 0 ? kept : null;
        }
        string? Text(string? t) => string.IsNullOrWhiteSpace(t) ? null : t.Trim();
        var normalized = new LetterStructure(
            List("considerations", s.Considerations),
            List("legalBases", s.LegalBases),
            List("observations", s.Observations),
            fields.Contains("establishes") ? Text(s.Establishes) : null,
            List("diktums", s.Diktums),
            fields.Contains("people") && s.People is { Length: > 0 } people
                ? people.Select(p => new AssignedPerson(p.PersonId, Text(p.Name), Text(p.Nip), Text(p.Rank), Text(p.Position))).ToArray() : null,
            List("purposes", s.Purposes),
            fields.Contains("event") && s.Event is { } e ? new EventDetails(e.Date, Text(e.Time), Text(e.Place), Text(e.Agenda)) : null,
            fields.Contains("items") && s.Items is { Length: > 0 } items ? items.Select(i => new ItemRow(Text(i.Description), Text(i.Quantity), Text(i.Remarks))).ToArray() : null,
            fields.Contains("sections") && s.Sections is { Length: > 0 } sections ? sections.Select(x => new LetterSection(Text(x.Heading), Text(x.Text))).ToArray() : null,
            fields.Contains("appendices") && s.Appendices is { Length: > 0 } appendices ? appendices.Select(x => new LetterAppendix(Text(x.Title), Text(x.Text))).ToArray() : null,
            fields.Contains("onBehalf") ? s.OnBehalf : null);
        return normalized == Empty ? null : normalized;
    }

    private static readonly LetterStructure Empty = new();

    /// <summary>People chosen from the organization carry its name, NIP, pangkat and jabatan as they are today.</summary>
    public static LetterStructure? Resolve(LetterStructure? s, IReadOnlyDictionary<Guid, Person> people, IReadOnlyDictionary<Guid, Position> positions)
    {
        if (s?.People is not { Length: > 0 } listed) return s;
        return s with
        {
            People = listed.Select(p => p.PersonId is { } id && people.TryGetValue(id, out var person)
                ? new AssignedPerson(id, person.FullName, person.Nip, person.Rank,
                    p.Position ?? (person.PositionId is { } position && positions.TryGetValue(position, out var held) ? held.Title : null))
                : p).ToArray(),
        };
    }

    /// <summary>After people are resolved: an unknown person, or a NIP missing where the kind needs one.</summary>
    public static ProblemDetails? PeopleRefusal(LetterKind kind, LetterStructure? s, IReadOnlyDictionary<Guid, Person> people, bool requireNip = true)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (person, i) in (s?.People ?? []).Select((x, i) => (x, i)))
        {
            if (person.PersonId is { } id && !people.ContainsKey(id))
                errors[$"structure.people[{i}].personId"] = ["Pegawai tidak ada di instansi ini (person not in this agency)."];
            else if (requireNip && NeedsPeopleWithNip(kind) && string.IsNullOrWhiteSpace(person.Nip))
                errors[$"structure.people[{i}].nip"] = [$"NIP {person.Name} wajib diisi untuk {kind} (NIP required)."];
        }
        return errors.Count > 0
            ? new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Draf surat keluar tidak valid (invalid draft)" }
            : null;
    }
}
