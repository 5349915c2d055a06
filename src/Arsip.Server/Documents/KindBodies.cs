using Arsip.Correspondence;
using Arsip.Organization;
using Arsip.Pdf;

namespace Arsip.Documents;

/// <summary>A kind's structure as the printed blocks of its model (Permendagri 1/2023); the body's paragraphs go where the model has free text.</summary>
public static class KindBodies
{
    public static IReadOnlyList<LetterBlock> Blocks(LetterContent content, Person? signer, Position? signatoryPosition, string issuer)
    {
        var paragraphs = LetterModels.Paragraphs(content.Body);
        if (content.Structure is not { } s) return paragraphs;
        var blocks = new List<LetterBlock>();
        void Add(string label, string[]? items, ClauseNumbering numbering = ClauseNumbering.Letters)
        {
            if (items is { Length: > 0 }) blocks.Add(new Clause(label, items, numbering));
        }

        switch (content.Kind)
        {
            case LetterKind.SuratKeputusan:
                blocks.AddRange(paragraphs);
                Add("Menimbang", s.Considerations);
                Add("Mengingat", s.LegalBases, ClauseNumbering.Numbers);
                Add("Memperhatikan", s.Observations, ClauseNumbering.Numbers);
                blocks.Add(new Heading("MEMUTUSKAN:", Centred: true));
                Add("Menetapkan", [s.Establishes ?? $"KEPUTUSAN {issuer} TENTANG {content.Subject.ToUpperInvariant()}."]);
                if (s.Diktums is { Length: > 0 } diktums) blocks.Add(new DiktumList(diktums));
                break;
            case LetterKind.SuratPerintah or LetterKind.SuratTugas:
                Add("Menimbang", s.Considerations);
                Add("Dasar", s.LegalBases, ClauseNumbering.Numbers);
                blocks.Add(new Heading(content.Kind == LetterKind.SuratPerintah ? "MEMERINTAHKAN:" : "MENUGASKAN:", Centred: true));
                if (s.People is { Length: > 0 } people) blocks.Add(new PersonClause("Kepada", people.Select(Printed).ToList()));
                Add("Untuk", s.Purposes, ClauseNumbering.Numbers);
                blocks.AddRange(paragraphs);
                break;
            case LetterKind.Instruksi:
                blocks.AddRange(paragraphs);
                Add("Kepada", content.Addressees.Select(a => a.Name).ToArray(), ClauseNumbering.Numbers);
                blocks.Add(new Heading("Untuk:"));
                if (s.Diktums is { Length: > 0 } instructions) blocks.Add(new DiktumList(instructions));
                break;
            case LetterKind.SuratUndangan when s.Event is { } e:
                var details = new FieldList(
                [
                    new Field("hari, tanggal", e.Date is { } date ? IndonesianDate.FormatWithDay(date) : "-"),
                    new Field("waktu", e.Time ?? "-"),
                    new Field("tempat", e.Place ?? "-"),
                    .. e.Agenda is { } agenda ? [new Field("acara", agenda)] : Array.Empty<Field>(),
                ]);
                blocks.AddRange(paragraphs.Take(1));
                blocks.Add(details);
                blocks.AddRange(paragraphs.Skip(1));
                break;
            case LetterKind.SuratKeterangan when s.People is { Length: > 0 } described:
                blocks.Add(new TextParagraph("Yang bertanda tangan di bawah ini:"));
                blocks.Add(new PersonClause("", [new PrintedPerson(signer?.FullName ?? "(belum ditandatangani)", signer?.Nip, signer?.Rank, signatoryPosition?.Title)]));
                blocks.Add(new TextParagraph("dengan ini menerangkan bahwa:"));
                blocks.Add(new PersonClause("", described.Select(Printed).ToList()));
                blocks.AddRange(paragraphs);
                break;
            case LetterKind.SuratPengantar:
                blocks.Add(new SimpleTable(["No.", "Naskah Dinas/Barang yang Dikirimkan", "Banyaknya", "Keterangan"],
                    (s.Items ?? []).Select((item, i) => (IReadOnlyList<string>)[$"{i + 1}.", item.Description ?? "", item.Quantity ?? "", item.Remarks ?? ""]).ToList(),
                    [0.5f, 3f, 1.3f, 2f]));
                blocks.AddRange(paragraphs);
                break;
            case LetterKind.Laporan or LetterKind.TelaahanStaf:
                blocks.AddRange(paragraphs);
                foreach (var (section, i) in (s.Sections ?? []).Select((x, i) => (x, i)))
                {
                    blocks.Add(new Heading($"{(char)('A' + i % 26)}. {section.Heading}"));
                    blocks.AddRange(LetterModels.Paragraphs(section.Text ?? ""));
                }
                break;
            default:
                blocks.AddRange(paragraphs);
                break;
        }
        return blocks;
    }

    /// <summary>A berita acara's parties beside the signatory: PIHAK KEDUA, PIHAK KETIGA, ...</summary>
    public static IReadOnlyList<PrintedPerson> Parties(LetterStructure? structure) =>
        (structure?.People ?? []).Select((p, i) => Printed(p) with { Role = $"PIHAK {LetterPdf.Diktum(i + 2)}" }).ToList();

    private static PrintedPerson Printed(AssignedPerson p) => new(p.Name ?? "", p.Nip, p.Rank, p.Position);
}
