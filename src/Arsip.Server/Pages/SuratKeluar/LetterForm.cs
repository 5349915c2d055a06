using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.Pages;

/// <summary>Addressees come three ways: this agency's positions, other agencies on the system (and the position addressed there), and anyone else as "name | address" lines.</summary>
public sealed class LetterForm
{
    public const int ReviewerSlots = 4;

    public LetterKind? Kind { get; set; } = LetterKind.SuratDinas;
    public string? Classification { get; set; }
    public SecurityLevel? SecurityLevel { get; set; } = Kernel.SecurityLevel.Biasa;
    public Urgency? Urgency { get; set; } = Kernel.Urgency.Biasa;
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public string? Attachments { get; set; }
    public List<Guid> ToPositions { get; set; } = [];
    public List<string> ToAgencies { get; set; } = [];
    /// <summary>Its inbox there is found by this title.</summary>
    public Dictionary<string, string?> AgencyAddressee { get; set; } = [];
    public string? ToOthers { get; set; }
    public List<Guid> CopyPositions { get; set; } = [];
    public string? CopyOthers { get; set; }
    public List<Guid?> Reviewers { get; set; } = [];
    public Guid? SignatoryPositionId { get; set; }

    // The kind's structure (Correspondence/LetterStructure.cs), one list entry per line; the page shows the fields of the chosen kind.
    public string? Considerations { get; set; }
    public string? LegalBases { get; set; }
    public string? Observations { get; set; }
    public string? Establishes { get; set; }
    public string? Diktums { get; set; }
    /// <summary>People of the organization: their name, NIP, pangkat and jabatan are taken from it.</summary>
    public List<Guid> PeopleIds { get; set; } = [];
    /// <summary>"nama | NIP | pangkat/golongan | jabatan" lines.</summary>
    public string? OtherPeople { get; set; }
    public string? Purposes { get; set; }
    public DateOnly? EventDate { get; set; }
    public string? EventTime { get; set; }
    public string? EventPlace { get; set; }
    public string? EventAgenda { get; set; }
    /// <summary>"uraian | banyaknya | keterangan" lines.</summary>
    public string? Items { get; set; }
    /// <summary>Blocks separated by a blank line, each "Judul: isi".</summary>
    public string? Sections { get; set; }
    public string? AppendixTitle { get; set; }
    public string? AppendixText { get; set; }
    /// <summary>Empty: signed in the signatory's own name; a.n. or u.b. a superior (<see cref="SigningOnBehalf"/>).</summary>
    public SignatureForm? OnBehalf { get; set; }

    public LetterStructure? Structure()
    {
        string[]? List(string? text) => Split(text) is { Length: > 0 } items ? items : null;
        var people = PeopleIds.Select(id => new AssignedPerson(id))
            .Concat(Split(OtherPeople).Select(line => line.Split('|', StringSplitOptions.TrimEntries)).Select(p => new AssignedPerson(
                Name: p[0], Nip: p.ElementAtOrDefault(1) is { Length: > 0 } nip ? nip : null, Rank: p.ElementAtOrDefault(2) is { Length: > 0 } rank ? rank : null,
                Position: p.ElementAtOrDefault(3) is { Length: > 0 } position ? position : null)))
            .ToArray();
        var items = Split(Items).Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(p => new ItemRow(p[0], p.ElementAtOrDefault(1), p.ElementAtOrDefault(2))).ToArray();
        var sections = (Sections ?? "").Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(block => block.Split(':', 2, StringSplitOptions.TrimEntries))
            .Select(p => p.Length == 2 ? new LetterSection(p[0], p[1]) : new LetterSection(null, p[0])).ToArray();
        var hasEvent = EventDate is not null || !string.IsNullOrWhiteSpace(EventTime) || !string.IsNullOrWhiteSpace(EventPlace) || !string.IsNullOrWhiteSpace(EventAgenda);
        var structure = new LetterStructure(
            List(Considerations), List(LegalBases), List(Observations), string.IsNullOrWhiteSpace(Establishes) ? null : Establishes.Trim(), List(Diktums),
            people.Length > 0 ? people : null, List(Purposes),
            hasEvent ? new EventDetails(EventDate, EventTime, EventPlace, EventAgenda) : null,
            items.Length > 0 ? items : null, sections.Length > 0 ? sections : null,
            string.IsNullOrWhiteSpace(AppendixTitle) && string.IsNullOrWhiteSpace(AppendixText) ? null : [new LetterAppendix(AppendixTitle, AppendixText)],
            OnBehalf);
        return structure == new LetterStructure() ? null : structure;
    }

    private void Fill(LetterStructure? s)
    {
        if (s is null) return;
        static string? Lines(IEnumerable<string>? items) => items is null ? null : string.Join("\n", items);
        Considerations = Lines(s.Considerations);
        LegalBases = Lines(s.LegalBases);
        Observations = Lines(s.Observations);
        Establishes = s.Establishes;
        Diktums = Lines(s.Diktums);
        PeopleIds = (s.People ?? []).Where(p => p.PersonId is not null).Select(p => p.PersonId!.Value).ToList();
        OtherPeople = Lines((s.People ?? []).Where(p => p.PersonId is null).Select(p => $"{p.Name} | {p.Nip} | {p.Rank} | {p.Position}".TrimEnd(' ', '|')));
        Purposes = Lines(s.Purposes);
        (EventDate, EventTime, EventPlace, EventAgenda) = (s.Event?.Date, s.Event?.Time, s.Event?.Place, s.Event?.Agenda);
        Items = Lines(s.Items?.Select(i => $"{i.Description} | {i.Quantity} | {i.Remarks}".TrimEnd(' ', '|')));
        Sections = s.Sections is null ? null : string.Join("\n\n", s.Sections.Select(x => x.Heading is null ? x.Text : $"{x.Heading}: {x.Text}"));
        (AppendixTitle, AppendixText) = (s.Appendices?.FirstOrDefault()?.Title, s.Appendices?.FirstOrDefault()?.Text);
        OnBehalf = s.OnBehalf;
    }

    private static string[] Split(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public DraftOutgoingLetter ToDraft(IReadOnlyList<Position> positions)
    {
        string Title(Guid id) => positions.FirstOrDefault(p => p.Id == id)?.Title ?? id.ToString();
        var to = ToPositions.Select(p => new Addressee(Title(p), p))
            .Concat(ToAgencies.Where(a => a.Length > 0).Select(a => new Addressee(
                string.IsNullOrWhiteSpace(AgencyAddressee.GetValueOrDefault(a)) ? Agencies.NameOf(a) : AgencyAddressee[a]!.Trim(), Agency: a)))
            .Concat(Lines(ToOthers));
        var copies = CopyPositions.Select(p => new Addressee(Title(p), p)).Concat(Lines(CopyOthers));
        return new DraftOutgoingLetter(Kind, Classification, SecurityLevel, Urgency, Subject, Body, Attachments,
            to.ToArray(), copies.ToArray(), Reviewers.Where(r => r is not null).Select(r => r!.Value).ToArray(), SignatoryPositionId, Structure());
    }

    public static LetterForm From(LetterContent content, IEnumerable<Guid> reviewers, Guid signatory)
    {
        var form = new LetterForm
        {
            Kind = content.Kind, Classification = content.Classification, SecurityLevel = content.SecurityLevel, Urgency = content.Urgency,
            Subject = content.Subject, Body = content.Body, Attachments = content.Attachments,
            ToPositions = content.Addressees.Where(IsPosition).Select(a => a.PositionId!.Value).ToList(),
            ToAgencies = content.Addressees.Where(a => a.Agency is not null).Select(a => a.Agency!).ToList(),
            AgencyAddressee = content.Addressees.Where(a => a.Agency is not null).GroupBy(a => a.Agency!).ToDictionary(g => g.Key, g => (string?)g.First().Name),
            ToOthers = Text(content.Addressees.Where(IsOther)),
            CopyPositions = content.CopyTo.Where(IsPosition).Select(a => a.PositionId!.Value).ToList(),
            CopyOthers = Text(content.CopyTo.Where(a => !IsPosition(a))),
            Reviewers = reviewers.Select(r => (Guid?)r).ToList(),
            SignatoryPositionId = signatory,
        };
        form.Fill(content.Structure);
        return form;
    }

    private static bool IsPosition(Addressee a) => a.Agency is null && a.PositionId is not null;
    private static bool IsOther(Addressee a) => a.Agency is null && a.PositionId is null;

    private static IEnumerable<Addressee> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|', 2, StringSplitOptions.TrimEntries))
            .Select(parts => new Addressee(parts[0], Address: parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null));

    private static string Text(IEnumerable<Addressee> addressees) =>
        string.Join("\n", addressees.Select(a => a.Address is null ? a.Name : $"{a.Name} | {a.Address}"));

    public static async Task<IReadOnlyList<Position>> PositionsAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Query<Position>().OrderBy(p => p.Title).ToListAsync(ct)).ToList();

    /// <summary>Who a surat perintah or tugas can name: the agency's active people.</summary>
    public static async Task<IReadOnlyList<Person>> PeopleAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Query<Person>().Where(p => p.DeactivatedAt == null).OrderBy(p => p.FullName).ToListAsync(ct)).ToList();
}

public sealed record LetterFieldsModel(
    LetterForm Form, IReadOnlyList<Position> Positions, string OwnAgency, FormErrors Errors, bool ShowReviewers, bool EditSigning, IReadOnlyList<Person>? People = null);

public static class OutgoingLabels
{
    public static string Kind(LetterKind kind) => LetterKinds.Label(kind);

    public static string Status(OutgoingStatus status) => SuratKeluarIndexModel.StatusLabel(status);
}
