using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Security.Cryptography;
using Arsip.Attachments;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.Searching;
using Microsoft.Extensions.DependencyInjection;
using Arsip.IntegrationTests.Infrastructure;
using MiniExcelLibs;

namespace Arsip.IntegrationTests.Correspondence;

/// <summary>The web import (#21): upload, preview and every problem before anything is written, the durable run with its progress, cancel,
/// scans from a ZIP; each refusal of the "Bad input".</summary>
public class ImportingRegisterFromTheWebTests(ArsipApp app) : ArsipTest(app)
{
    private const string Header = "No. agenda;Tanggal terima;Pengirim;Tanggal surat;Nomor surat;Perihal;Lampiran;Diteruskan kepada;Keterangan";

    private static string Row(int number, string sender = "Dinas Kesehatan", string received = "02/01/2025", string subject = "Laporan bulanan") =>
        $"{number};{received};{sender};01/01/2025;400/{number}/Dinkes;{subject};;;";

    private async Task<(HttpResponseMessage Response, LegacyImport? Import)> UploadAsync(byte[] register, string fileName = "register.csv",
        byte[]? scans = null, string user = "registrar", string? encoding = null, string? mapping = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(register), "register", fileName);
        if (scans is not null) form.Add(new ByteArrayContent(scans) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } }, "scans", "pindaian.zip");
        if (encoding is not null) form.Add(new StringContent(encoding), "encoding");
        if (mapping is not null) form.Add(new StringContent(mapping), "mapping");
        var response = await (await As(user)).PostAsync("/api/legacy-imports", form);
        return (response, response.StatusCode == HttpStatusCode.Created ? await ReadAsync<LegacyImport>(response) : null);
    }

    private async Task<LegacyImport> RunToEndAsync(Guid id)
    {
        var registrar = await As("registrar");
        var started = await registrar.PostAsync($"/api/legacy-imports/{id}/run", null);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        for (var i = 0; i < 300; i++)
        {
            var import = (await registrar.GetFromJsonAsync<LegacyImport>($"/api/legacy-imports/{id}", ArsipApp.Json))!;
            if (import.Finished) return import;
            await Task.Delay(100);
        }
        throw new TimeoutException("the import did not finish in 30 s");
    }

    private async Task<int[]> AgendaNumbersAsync(int year)
    {
        var page = await (await As("registrar")).GetFromJsonAsync<IncomingLetterPage>($"/api/incoming-letters?year={year}&pageSize=200", ArsipApp.Json);
        return page!.Items.Select(l => l.AgendaNumber).Order().ToArray();
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        return buffer.ToArray();
    }

    [Fact]
    public async Task A_windows_1252_register_with_its_scans_is_previewed_then_imported_in_the_background_and_its_scan_is_searchable()
    {
        var csv = string.Join("\r\n", Header,
            Row(7001, sender: "Kecamatan Pondok Gede – Seksi Pemerintahan", subject: "Undangan café rakyat"),
            Row(7002, subject: "Laporan tanggul"),
            Row(7003));
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(csv);
        var phrase = $"bendungan Cileungsi {Guid.NewGuid():N}"[..30];
        var scans = Zip(("7001.pdf", TestPdfs.Letter($"Rapat membahas {phrase} di kecamatan.")), ("scan/7002-2025.pdf", TestPdfs.Letter("Tanggul sungai.")));

        var (response, import) = await UploadAsync(bytes, scans: scans);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        import!.Encoding.ShouldBe("windows-1252");
        import.EncodingDetected.ShouldBeTrue();
        import.Problems.ShouldBeEmpty();
        import.Rows.ShouldBe(3);
        import.Scans.ShouldBe(2);
        import.Mapping["Agenda"].ShouldBe(0);
        import.Mapping["Subject"].ShouldBe(5);
        import.Preview[0][2].ShouldBe("Kecamatan Pondok Gede – Seksi Pemerintahan");
        (await AgendaNumbersAsync(2025)).ShouldNotContain(7001, "nothing is written by the check");

        var done = await RunToEndAsync(import.Id);

        done.Status.ShouldBe(LegacyImportStatus.Done, done.Message ?? string.Join("; ", done.Problems));
        done.Imported.ShouldBe(3);
        done.ScansAttached.ShouldBe(2);
        (await AgendaNumbersAsync(2025)).ShouldBe([7001, 7002, 7003]);
        var registrar = await As("registrar");
        var book = await registrar.GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters?year=2025&pageSize=200", ArsipApp.Json);
        var first = book!.Items.Single(l => l.AgendaNumber == 7001);
        first.Sender.ShouldBe("Kecamatan Pondok Gede – Seksi Pemerintahan");
        first.Subject.ShouldBe("Undangan café rakyat");
        var letter = await registrar.GetFromJsonAsync<JsonElement>($"/api/incoming-letters/{first.Id}", ArsipApp.Json);
        letter.GetProperty("files").EnumerateArray().Single().GetProperty("fileName").GetString().ShouldBe("7001.pdf");
        // both events sealed in one chain, and the letter lives on as a registered one: a correction appends to its stream and view
        var auditor = await As("auditor");
        (await auditor.GetFromJsonAsync<ChainVerification>($"/api/letters/{first.Id}/verify", ArsipApp.Json))!.Intact.ShouldBeTrue();
        (await registrar.PutAsJsonAsync($"/api/incoming-letters/{first.Id}", new { changes = new { subject = "Undangan café rakyat (ralat)" }, reason = "Salah ketik" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await registrar.GetFromJsonAsync<JsonElement>($"/api/incoming-letters/{first.Id}", ArsipApp.Json)).GetProperty("subject").GetString().ShouldBe("Undangan café rakyat (ralat)");
        var history = await registrar.GetFromJsonAsync<JsonElement[]>($"/api/letters/{first.Id}/history", ArsipApp.Json);
        history!.Select(e => e.GetProperty("type").GetString()).ShouldBe(["incoming_letter_registered", "incoming_letter_attachment_added", "incoming_letter_corrected"]);
        (await auditor.GetFromJsonAsync<ChainVerification>($"/api/letters/{first.Id}/verify", ArsipApp.Json))!.Intact.ShouldBeTrue();

        // the scan's words are searchable as any scan's
        for (var i = 0; i < 100; i++)
        {
            var found = await registrar.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString(phrase.Split(' ')[^1]), ArsipApp.Json);
            if (found.GetProperty("totalHits").GetInt32() == 1)
            {
                found.GetProperty("hits")[0].GetProperty("id").GetGuid().ShouldBe(first.Id);
                return;
            }
            await Task.Delay(200);
        }
        throw new ShouldAssertException("the scan's words were not found in 20 s");
    }

    [Fact]
    public async Task Every_problem_is_listed_with_its_row_before_anything_is_written_and_the_run_is_refused()
    {
        await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters",
            RegisteringIncomingLettersTests.Letter("TAKEN/1", letterDate: "2025-03-01", receivedOn: "2025-03-02"));
        var taken = (await AgendaNumbersAsync(2025)).Max();
        var csv = string.Join("\n", Header,
            Row(7101),
            Row(7101, sender: "Dinas Lain"),
            Row(7103, received: "01/01/2027"),
            "7104;03/01/2025;;01/01/2025;1/A;Perihal;;;",
            Row(taken));

        var (response, import) = await UploadAsync(Encoding.UTF8.GetBytes(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        import!.Problems.Select(p => p.Line).ShouldBe([3, 4, 5, 6]);
        import.Problems[0].Message.ShouldContain("sudah dipakai di baris 2");
        import.Problems[1].Message.ShouldContain("masa depan");
        import.Problems[2].Message.ShouldContain("Pengirim");
        import.Problems[3].Message.ShouldContain("sudah terdaftar");
        var run = await (await As("registrar")).PostAsync($"/api/legacy-imports/{import.Id}/run", null);
        run.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AgendaNumbersAsync(2025)).ShouldNotContain(7101);

        // once the rows are good, a number the agency already used is still reported with its row
        var (_, second) = await UploadAsync(Encoding.UTF8.GetBytes(string.Join("\n", Header, Row(7110), Row(taken))));
        second!.Problems.ShouldHaveSingleItem().Line.ShouldBe(3);
        second.Problems[0].Message.ShouldContain("sudah terdaftar");
    }

    [Fact]
    public async Task Headers_it_cannot_read_are_mapped_by_hand_and_checked_again()
    {
        var csv = string.Join("\n", "Nmr;Masuk;Instansi;Tgl;Nmr surat;Tentang", "7201;02/01/2025;Bappeda;01/01/2025;050/1;Rencana kerja");

        var (_, import) = await UploadAsync(Encoding.UTF8.GetBytes(csv));

        import!.Problems.ShouldHaveSingleItem().Message.ShouldContain("Kolom wajib tidak ada");
        var registrar = await As("registrar");
        var checkedAgain = await registrar.PostAsJsonAsync($"/api/legacy-imports/{import.Id}/check", new
        {
            mapping = new Dictionary<string, int> { ["Agenda"] = 0, ["Received"] = 1, ["Sender"] = 2, ["LetterDate"] = 3, ["Number"] = 4, ["Subject"] = 5 },
        });
        checkedAgain.StatusCode.ShouldBe(HttpStatusCode.OK, await checkedAgain.Content.ReadAsStringAsync());
        var fixedImport = await ReadAsync<LegacyImport>(checkedAgain);
        fixedImport.Problems.ShouldBeEmpty();
        fixedImport.Rows.ShouldBe(1);
        (await RunToEndAsync(import.Id)).Status.ShouldBe(LegacyImportStatus.Done);
        (await AgendaNumbersAsync(2025)).ShouldContain(7201);

        var unknown = await registrar.PostAsJsonAsync($"/api/legacy-imports/{import.Id}/check", new { mapping = new Dictionary<string, int> { ["Agenda"] = 0 } });
        unknown.StatusCode.ShouldBe(HttpStatusCode.Conflict, "a finished import is not checked again");
    }

    [Fact]
    public async Task An_xlsx_register_is_read_with_its_dates_and_a_damaged_one_is_reported()
    {
        using var sheet = new MemoryStream();
        await sheet.SaveAsAsync(new[]
        {
            new Dictionary<string, object> { ["No. agenda"] = 7301, ["Tanggal terima"] = new DateTime(2025, 2, 3), ["Pengirim"] = "BPBD", ["Tanggal surat"] = new DateTime(2025, 2, 1), ["Nomor surat"] = "360/1", ["Perihal"] = "Siaga banjir" },
        }, excelType: ExcelType.XLSX);

        var (_, import) = await UploadAsync(sheet.ToArray(), "register.xlsx");

        import!.Format.ShouldBe("xlsx");
        import.Problems.ShouldBeEmpty();
        import.Preview[0][1].ShouldBe("2025-02-03");
        (await RunToEndAsync(import.Id)).Imported.ShouldBe(1);

        var damaged = sheet.ToArray()[..200];
        var (_, broken) = await UploadAsync(damaged, "rusak.xlsx");
        broken!.Problems.ShouldHaveSingleItem().Message.ShouldContain("XLSX rusak");
        var (_, binary) = await UploadAsync([0x25, 0x50, 0x44, 0x46, 0, 0, 1, 2], "register.csv");
        binary!.Problems.ShouldHaveSingleItem().Message.ShouldContain("Bukan berkas CSV");
    }

    [Fact]
    public async Task A_zip_with_escaping_paths_a_bomb_or_scans_matching_no_row_is_reported_by_file_name()
    {
        var csv = Encoding.UTF8.GetBytes(string.Join("\n", Header, Row(7401), Row(7402)));
        var pdf = TestPdfs.Letter("Pindaian.");

        var (_, escaping) = await UploadAsync(csv, scans: Zip(("../7401.pdf", pdf), ("/etc/7402.pdf", pdf)));
        escaping!.Problems.Select(p => p.File).ShouldBe(["../7401.pdf", "/etc/7402.pdf"]);
        escaping.Problems.ShouldAllBe(p => p.Message.Contains("keluar dari folder"));

        var (_, bomb) = await UploadAsync(csv, scans: Zip(("7401.pdf", new byte[20 * 1024 * 1024])));
        bomb!.Problems.ShouldHaveSingleItem().File.ShouldBe("7401.pdf");
        bomb.Problems[0].Message.ShouldContain("bom ZIP");

        var (_, stray) = await UploadAsync(csv, scans: Zip(("7401.pdf", pdf), ("9999.pdf", pdf), ("catatan.txt", "x"u8.ToArray())));
        stray!.Problems.Select(p => p.File).ShouldBe(["9999.pdf", "catatan.txt"]);
        stray.Problems.ShouldAllBe(p => p.Message.Contains("tidak cocok"));

        var (_, notZip) = await UploadAsync(csv, scans: "not a zip"u8.ToArray());
        notZip!.Problems.ShouldHaveSingleItem().Message.ShouldContain("bukan ZIP");

        foreach (var refused in new[] { escaping, bomb, stray, notZip })
            (await (await As("registrar")).PostAsync($"/api/legacy-imports/{refused.Id}/run", null)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AgendaNumbersAsync(2025)).ShouldNotContain(7401);
    }

    [Fact]
    public async Task A_checked_import_is_cancelled_and_a_finished_one_cannot_be_and_only_registrars_and_administrators_may_import()
    {
        var csv = Encoding.UTF8.GetBytes(string.Join("\n", Header, Row(7501)));
        var (_, import) = await UploadAsync(csv);
        var registrar = await As("registrar");

        var cancelled = await registrar.DeleteAsync($"/api/legacy-imports/{import!.Id}/run");
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await ReadAsync<LegacyImport>(cancelled)).Status.ShouldBe(LegacyImportStatus.Cancelled);
        (await registrar.PostAsync($"/api/legacy-imports/{import.Id}/run", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await registrar.DeleteAsync($"/api/legacy-imports/{import.Id}/run")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await AgendaNumbersAsync(2025)).ShouldNotContain(7501);

        var (adminUpload, byAdmin) = await UploadAsync(csv, user: "admin");
        adminUpload.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await UploadAsync(csv, user: "kabag.or")).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("registrar", "kab-bekasi")).GetAsync($"/api/legacy-imports/{byAdmin!.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await As("registrar")).GetAsync($"/api/legacy-imports/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await UploadAsync(csv, encoding: "latin-9")).Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // a register sent as JSON (or as a bare CSV body) is not read at all
        var asJson = await (await As("registrar")).PostAsync("/api/legacy-imports", new StringContent("""{"register":"x"}""", System.Text.Encoding.UTF8, "application/json"));
        asJson.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        asJson.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_run_that_fails_after_storing_its_scans_deletes_those_no_letter_uses()
    {
        var kept = TestPdfs.Letter($"Pindaian bersama {Guid.NewGuid():N}");
        var orphan = TestPdfs.Letter($"Pindaian yatim {Guid.NewGuid():N}");
        // both imports are checked before either runs, so the second learns only in its run that 7601 was taken meanwhile
        var (_, first) = await UploadAsync(Encoding.UTF8.GetBytes(string.Join("\n", Header, Row(7601))), scans: Zip(("7601.pdf", kept)));
        var (_, second) = await UploadAsync(Encoding.UTF8.GetBytes(string.Join("\n", Header, Row(7601), Row(7602))),
            scans: Zip(("7601.pdf", orphan), ("7602.pdf", kept)));
        second!.Problems.ShouldBeEmpty();
        (await RunToEndAsync(first!.Id)).Status.ShouldBe(LegacyImportStatus.Done);

        var failed = await RunToEndAsync(second.Id);

        failed.Status.ShouldBe(LegacyImportStatus.Failed);
        failed.Problems.ShouldHaveSingleItem().Line.ShouldBe(2);
        (await AgendaNumbersAsync(2025)).ShouldNotContain(7602);
        await App.Services.GetRequiredService<DestroyedContentSweeper>().SweepAsync(CancellationToken.None);
        var blobs = App.Services.GetRequiredService<IBlobStore>();
        (await blobs.ExistsAsync(Convert.ToHexStringLower(SHA256.HashData(orphan)))).ShouldBeFalse("no letter uses the failed run's own scan");
        (await blobs.ExistsAsync(Convert.ToHexStringLower(SHA256.HashData(kept)))).ShouldBeTrue("the first import's letter uses the same bytes");
    }

    [Fact]
    public void A_long_run_is_not_cancelled_by_the_default_message_timeout()
    {
        var chain = App.Services.GetRequiredService<Wolverine.Runtime.Handlers.HandlerGraph>().ChainFor(typeof(RunLegacyImport))!;
        chain.ExecutionTimeoutInSeconds.ShouldBe(RunLegacyImportHandler.TimeoutSeconds, "a run storing 10,000 scans was cancelled and started again");
    }
}
