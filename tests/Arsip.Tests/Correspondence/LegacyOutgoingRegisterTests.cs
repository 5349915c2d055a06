using Arsip.Correspondence;
using Arsip.Kernel;
using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Tests.Correspondence;

/// <summary>#21's outgoing registers: numbers read back with the agency's templates, the counters they move, and what is refused.</summary>
public class LegacyOutgoingRegisterTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly Unit Setda = new() { Id = Guid.NewGuid(), Code = "Setda", Name = "Sekretariat Daerah" };
    private static readonly Unit Organisasi = new() { Id = Guid.NewGuid(), Code = "OR", Name = "Bagian Organisasi" };

    private static LetterNumberTemplatesView Templates(params (string Kind, string Template, SequenceScope Scope)[] templates) => new()
    {
        Templates = templates.ToDictionary(t => t.Kind, t => new LetterNumberTemplateEntry(t.Kind, t.Template, t.Scope, "admin", DateTimeOffset.UnixEpoch)),
    };

    private static LegacyOutgoingRow Row(int line, string number, string date = "2026-03-02", LetterKind kind = LetterKind.SuratDinas, string? classification = null, string? unit = null) =>
        new(line, number, DateOnly.Parse(date), null, ["Kepala Dinas"], "Perihal", classification, kind, unit, null, null, null, SecurityLevel.Biasa, Urgency.Biasa);

    [Theory]
    [InlineData("{classification}/{sequence}/{unit}/{year}", "800.1.11.1/0123/Setda/2026", 123, "800.1.11.1", "Setda", 2026)]
    [InlineData("{securityPrefix}-{sequence}/IJ/{classification}/{month}/{year}", "b-99/ij/000.1/04/2020", 99, "000.1", null, 2020)]
    [InlineData("{classification}/{sequence}/SPT/{unit}/{romanMonth}/{year}", "000.5/7/SPT/Kec. BT/XI/2026", 7, "000.5", "Kec. BT", 2026)]
    [InlineData("{classification}/Kep.{sequence}-{unit}/{year}", "100.3/Kep.12-Hukum/2025", 12, "100.3", "Hukum", 2025)]
    public void A_number_is_read_back_with_the_template_that_wrote_it(string text, string number, int sequence, string classification, string? unit, int year)
    {
        var template = LetterNumberTemplate.Parse(text).Template!;

        var reading = template.Read(number);

        reading.ShouldBe(new LetterNumberReading(sequence, classification, unit, year));
        template.Read(template.Format(new LetterNumberParts("000.1.2", 5, "OR", new DateOnly(2026, 4, 1), SecurityLevel.Rahasia)))!.Sequence.ShouldBe(5);
        template.Read("bukan nomor").ShouldBeNull();
    }

    [Fact]
    public void Each_number_belongs_to_its_kinds_counter_per_unit_where_the_template_says_so()
    {
        var templates = Templates(("nota-dinas", "{classification}/{sequence}/{unit}/{year}", SequenceScope.Unit));
        var rows = new[]
        {
            Row(2, "000.8/40/OR/2026", kind: LetterKind.NotaDinas),
            Row(3, "000.8/40/Setda/2026", kind: LetterKind.NotaDinas),
            Row(4, "000.5/40/Setda/2026"),
        };

        var resolution = LegacyOutgoingRegister.Resolve(rows, templates, [Setda, Organisasi], [], Today.Year);

        resolution.Errors.ShouldBeEmpty();
        resolution.Rows.Select(r => r.Counter).ShouldBe(["letter:nota-dinas:OR", "letter:nota-dinas:Setda", "letter:surat-dinas"]);
        resolution.Rows.ShouldAllBe(r => r.Sequence == 40 && r.Year == 2026);
        resolution.Rows[0].UnitId.ShouldBe(Organisasi.Id, "the number's unit is the letter's unit");
        resolution.Rows[0].Classification.ShouldBe("000.8", "taken from the number");
    }

    [Fact]
    public void Repeated_numbers_this_years_unreadable_numbers_and_unknown_units_are_refused_an_earlier_years_are_kept_as_written()
    {
        var rows = new[]
        {
            Row(2, "000.5/15/Setda/2026"),
            Row(3, "000.5 / 15 / setda / 2026"),
            Row(4, "800/15/Setda/2026"),
            Row(5, "B/16/2026", classification: "000.5"),
            Row(6, "B/9/2024", date: "2024-05-01", classification: "000.5"),
            Row(7, "000.5/17/Setda/2026", unit: "XYZ"),
            Row(8, "B/18/2025", date: "2025-05-01"),
        };

        var resolution = LegacyOutgoingRegister.Resolve(rows, null, [Setda], [], Today.Year);

        resolution.Errors.Select(e => e.Line).ShouldBe([3, 4, 5, 7, 8]);
        resolution.Errors[0].Message.ShouldContain("sudah ada di baris 2");
        resolution.Errors[1].Message.ShouldContain("Nomor urut 15/2026");
        resolution.Errors[2].Message.ShouldContain("tidak sesuai templat");
        resolution.Errors[3].Message.ShouldContain("XYZ");
        resolution.Errors[4].Message.ShouldContain("Kode klasifikasi wajib");
        resolution.Notices.Select(n => n.Line).ShouldBe([6, 8]);
        var kept = resolution.Rows.Single(r => r.Line == 6);
        (kept.Counter, kept.Sequence, kept.Year).ShouldBe((null, null, 2024));
    }

    [Fact]
    public void Rows_are_checked_alone_with_the_outgoing_columns()
    {
        var csv = "No.;Nomor surat;Tanggal surat;Tanggal kirim;Tujuan;Perihal;Jenis naskah;Sifat\n" +
                  "1;000.5/1/Setda/2026;02/03/2026;01/03/2026;A;P;Nota Dinas;R\n" +
                  "2;000.5/2/Setda/2026;02/03/2026;03/03/2026;\"A; B\";P;nota-dinas;\n" +
                  "3;000.5/3/Setda/2026;02/03/2026;;A;P;Surat Cinta;\n";

        var parsed = LegacyOutgoingRegister.Parse(new StringReader(csv), Today);

        parsed.Errors.Select(e => e.Line).ShouldBe([2, 4]);
        parsed.Errors[0].Message.ShouldContain("sebelum tanggal surat");
        var row = parsed.Rows.ShouldHaveSingleItem();
        row.Addressees.ShouldBe(["A", "B"]);
        row.Kind.ShouldBe(LetterKind.NotaDinas);
        LegacyRegister.GuessMapping(["No.", "Nomor surat", "Tujuan"], RegisterKind.Outgoing).ShouldNotContainKey(RegisterColumn.Agenda);
    }
}
