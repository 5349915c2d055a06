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

    public DraftOutgoingLetter ToDraft(IReadOnlyList<Position> positions)
    {
        string Title(Guid id) => positions.FirstOrDefault(p => p.Id == id)?.Title ?? id.ToString();
        var to = ToPositions.Select(p => new Addressee(Title(p), p))
            .Concat(ToAgencies.Where(a => a.Length > 0).Select(a => new Addressee(
                string.IsNullOrWhiteSpace(AgencyAddressee.GetValueOrDefault(a)) ? Agencies.NameOf(a) : AgencyAddressee[a]!.Trim(), Agency: a)))
            .Concat(Lines(ToOthers));
        var copies = CopyPositions.Select(p => new Addressee(Title(p), p)).Concat(Lines(CopyOthers));
        return new DraftOutgoingLetter(Kind, Classification, SecurityLevel, Urgency, Subject, Body, Attachments,
            to.ToArray(), copies.ToArray(), Reviewers.Where(r => r is not null).Select(r => r!.Value).ToArray(), SignatoryPositionId);
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
}

public sealed record LetterFieldsModel(LetterForm Form, IReadOnlyList<Position> Positions, string OwnAgency, FormErrors Errors, bool ShowReviewers, bool EditSigning);

public static class OutgoingLabels
{
    public static string Kind(LetterKind kind) => kind switch
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

    public static string Status(OutgoingStatus status) => SuratKeluarIndexModel.StatusLabel(status);
}
