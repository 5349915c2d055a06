using System.Text;
using Arsip.Correspondence;
using Arsip.Kernel;

namespace Arsip.Tests.Correspondence;

/// <summary>#21's pure parts: encoding detection, the guessed mapping, ZIP paths that escape, and the web import's decisions.</summary>
public class LegacyImportDecisionTests
{
    private static readonly Caller Registrar = new("kota-bekasi", Guid.NewGuid(), "Budi", [], [], [Role.Registrar]);

    [Fact]
    public void Bytes_that_are_not_utf8_are_read_as_windows_1252_and_said_to_be_detected()
    {
        var text = "Kecamatan – Seksi café";
        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text);

        LegacyRegisterFile.Decode(cp1252, null).ShouldBe((text, "windows-1252", true));
        LegacyRegisterFile.Decode(Encoding.UTF8.GetBytes(text), null).ShouldBe((text, "utf-8", true));
        LegacyRegisterFile.Decode([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)], "windows-1252").ShouldBe((text, "utf-8", false), "a byte-order mark decides");
        LegacyRegisterFile.Decode(Encoding.UTF8.GetBytes(text), "windows-1252").Text.ShouldNotBe(text, "a chosen encoding is obeyed");
        LegacyRegisterFile.EncodingOf(" auto ").ShouldBeNull();
        LegacyRegisterFile.EncodingOf("Windows-1252").ShouldBe("windows-1252");
    }

    [Fact]
    public void The_mapping_is_guessed_from_headers_ignoring_case_spaces_and_punctuation()
    {
        var mapping = LegacyRegister.GuessMapping(["NO. AGENDA", "Tgl. Terima", "Asal Surat", "Tanggal surat", "No surat", "Hal", "Berkas pindaian", "Perihal"]);

        mapping[RegisterColumn.Agenda].ShouldBe(0);
        mapping[RegisterColumn.Received].ShouldBe(1);
        mapping[RegisterColumn.Sender].ShouldBe(2);
        mapping[RegisterColumn.Number].ShouldBe(4);
        mapping[RegisterColumn.Subject].ShouldBe(5, "the first header naming a column wins");
        mapping[RegisterColumn.Scan].ShouldBe(6);
    }

    [Theory]
    [InlineData("../a.pdf", true)]
    [InlineData("scans/../../a.pdf", true)]
    [InlineData("/etc/passwd", true)]
    [InlineData("\\\\server\\a.pdf", true)]
    [InlineData("C:\\a.pdf", true)]
    [InlineData("scans/12.pdf", false)]
    [InlineData("12..pdf", false)]
    public void Paths_that_leave_the_folder_are_recognised(string name, bool escapes) => LegacyScans.Escapes(name).ShouldBe(escapes);

    [Fact]
    public void A_checked_import_with_problems_is_not_started_and_a_started_one_is_not_checked_again()
    {
        var import = new LegacyImport { Id = Guid.NewGuid(), Status = LegacyImportStatus.Checked, Problems = [new(3, null, "Pengirim wajib diisi")] };

        StartLegacyImportHandler.Decide(new(import.Id, Registrar), import).Refusal!.Status.ShouldBe(422);
        StartLegacyImportHandler.Decide(new(import.Id, Registrar), null).Refusal!.Status.ShouldBe(404);
        import.Problems.Clear();
        StartLegacyImportHandler.Decide(new(import.Id, Registrar), import).Refused.ShouldBeFalse();

        import.Status = LegacyImportStatus.Running;
        StartLegacyImportHandler.Decide(new(import.Id, Registrar), import).Refusal!.Status.ShouldBe(409);
        CheckLegacyRegisterHandler.Decide(new(import.Id, Registrar, null, null, null, null, IsNew: false), import).Refusal!.Status.ShouldBe(409);
        CancelLegacyImportHandler.Decide(new(import.Id, Registrar), import).Refused.ShouldBeFalse();
        import.Phase = "menulis surat";
        CancelLegacyImportHandler.Decide(new(import.Id, Registrar), import).Refusal!.Status.ShouldBe(409, "too late once the letters are written");
        import.Status = LegacyImportStatus.Done;
        CancelLegacyImportHandler.Decide(new(import.Id, Registrar), import).Refusal!.Status.ShouldBe(409);
    }

    [Fact]
    public void An_unknown_encoding_or_column_is_refused()
    {
        CheckLegacyRegisterHandler.Decide(new(Guid.NewGuid(), Registrar, "r.csv", null, "latin-9", null, IsNew: true), null).Refusal!.Status.ShouldBe(400);
        CheckLegacyRegisterHandler.Decide(new(Guid.NewGuid(), Registrar, "r.csv", null, null, new() { ["Nomor"] = 0 }, IsNew: true), null).Refusal!.Status.ShouldBe(400);
        CheckLegacyRegisterHandler.Decide(new(Guid.NewGuid(), Registrar, "r.csv", null, "utf-8", new() { ["agenda"] = 0 }, IsNew: true), null).Refused.ShouldBeFalse();
    }
}
