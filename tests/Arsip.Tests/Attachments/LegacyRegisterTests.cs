using Arsip.Correspondence;

namespace Arsip.Tests.Attachments;

public class LegacyRegisterTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void Reads_quoted_fields_with_delimiters_quotes_and_line_breaks_keeping_the_starting_line()
    {
        var records = LegacyRegister.ReadRecords(new StringReader("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,\n last,,\n"), ',').ToList();

        records.Count.ShouldBe(3);
        records[0].ShouldBe((1, new[] { "a", "b,1", "say \"hi\"" }), new RecordComparer());
        records[1].Line.ShouldBe(2);
        records[1].Fields.ShouldBe(["multi\nline", "x", ""]);
        records[2].Line.ShouldBe(4);
        records[2].Fields.ShouldBe([" last", "", ""]);
    }

    [Fact]
    public void Parses_comma_separated_files_with_iso_dates_and_optional_columns()
    {
        var csv = "No agenda,Tgl terima,Pengirim,Tgl surat,No surat,Perihal,Lampiran,Diteruskan kepada,Keterangan,Sifat,Derajat,Kode klasifikasi\n" +
                  "0007,2026-03-02,Dinas A,2026-03-01,1/A,Perihal A,2 lembar,Sekda,catatan,R,Kilat,000.1.2\n";

        var parsed = LegacyRegister.Parse(new StringReader(csv), Today);

        parsed.Errors.ShouldBeEmpty();
        parsed.Rows.Single().ShouldBe(new LegacyRegisterRow(2, 7, new DateOnly(2026, 3, 2), "Dinas A", new DateOnly(2026, 3, 1), "1/A", "Perihal A",
            "2 lembar", "Sekda", "catatan", "000.1.2", SecurityLevel.Rahasia, Urgency.SangatSegera));
    }

    [Fact]
    public void Reports_every_bad_line()
    {
        var csv = "No. agenda;Tanggal terima;Pengirim;Tanggal surat;Nomor surat;Perihal\n" +
                  "1;02/01/2026;A;01/01/2026;1;P\n" +
                  "-3;02/01/2026;A;01/01/2026;2;P\n" +
                  "4;02/01/2026;A;03/01/2026;3;P\n" +
                  "5;02/01/2026;A\n" +
                  "1;05/01/2026;B;01/01/2026;4;P\n";

        var parsed = LegacyRegister.Parse(new StringReader(csv), Today);

        parsed.Ok.ShouldBeFalse();
        parsed.Errors.Select(e => e.Line).ShouldBe([3, 4, 5, 6]);
        parsed.Errors[1].Message.ShouldContain("sebelum tanggal surat");
        parsed.Errors[3].Message.ShouldContain("baris 2");
    }

    [Fact]
    public void Maps_a_row_to_the_registration_event_keeping_its_agenda_number()
    {
        var row = new LegacyRegisterRow(9, 321, new DateOnly(2025, 5, 2), "Dinas A", new DateOnly(2025, 5, 1), "1/A", "Perihal", null, "Bagian Umum", "arsip lama", "", SecurityLevel.Biasa, Urgency.Biasa);

        var e = LegacyRegister.ToEvent(row, Guid.Empty, null, null, "register.csv", DateTimeOffset.UnixEpoch);

        e.AgendaNumber.ShouldBe(321);
        e.AgendaYear.ShouldBe(2025);
        e.Remarks.ShouldBe("arsip lama Diteruskan kepada: Bagian Umum. [Impor register.csv, baris 9]");
        e.RegisteredBy.ShouldBe("Impor register lama");
    }

    private sealed class RecordComparer : IEqualityComparer<(int, string[])>
    {
        public bool Equals((int, string[]) x, (int, string[]) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);
        public int GetHashCode((int, string[]) obj) => obj.Item1;
    }

    [Fact]
    public void The_run_gets_the_checked_rows_only_for_the_encoding_and_mapping_they_were_checked_with()
    {
        var table = LegacyRegister.ReadCsv(new StringReader("No agenda;Tgl terima;Pengirim;Tgl surat;No surat;Perihal\n" +
            "1;02/03/2026;Dinas A;01/03/2026;1/A;Perihal A\n2;02/03/2026;Dinas B;01/03/2026;2/B;Perihal   B\n"))!;
        var mapping = LegacyRegister.GuessMapping(table.Headers);
        var parsed = LegacyRegister.Parse(table, mapping, Today);
        parsed.Rows.Select(r => r.Subject).ShouldBe(["Perihal A", "Perihal B"]);
        using var registers = new CheckedRegisters();
        var id = Guid.NewGuid();

        registers.Keep("kota-bekasi", id, new LegacyImports.Checked(new RegisterRead(table, "csv", "utf-8", false, null), mapping, parsed, ScanMatch.None, []));

        registers.Find("kota-bekasi", id, "utf-8", new Dictionary<RegisterColumn, int>(mapping))!.Value.Parsed.Rows.Count.ShouldBe(2);
        registers.Find("kota-bekasi", id, "windows-1252", mapping).ShouldBeNull("another encoding reads other text");
        registers.Find("kota-bekasi", id, "utf-8", new Dictionary<RegisterColumn, int>(mapping) { [RegisterColumn.Subject] = 4 }).ShouldBeNull();
        registers.Find("kab-bekasi", id, "utf-8", mapping).ShouldBeNull();
        var withProblems = LegacyRegister.Parse(table, new Dictionary<RegisterColumn, int>(mapping) { [RegisterColumn.Received] = 2 }, Today);
        registers.Keep("kota-bekasi", id, new LegacyImports.Checked(new RegisterRead(table, "csv", "utf-8", false, null), mapping, withProblems, ScanMatch.None, []));
        registers.Find("kota-bekasi", id, "utf-8", mapping).ShouldBeNull("a check with problems leaves nothing to run");
    }
}
