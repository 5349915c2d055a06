using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using UglyToad.PdfPig;

namespace Arsip.IntegrationTests.Audit;

public class ExportTests(ArsipApp app) : ArsipTest(app)
{
    private async Task<Guid> LetterAsync(string number)
    {
        var registrar = await As("registrar");
        var id = (await ReadAsync<RegisterIncomingLetterResponse>(await registrar.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter(number)))).Id;
        (await registrar.PutAsJsonAsync($"/api/incoming-letters/{id}", new { changes = new { remarks = "Diteruskan ke Sekda" }, reason = "Catatan" })).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task A_letter_exports_as_a_package_readable_without_Arsip_and_the_export_is_recorded()
    {
        var id = await LetterAsync("EXP/1");

        var response = await (await As("auditor")).GetAsync($"/api/letters/{id}/export");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));

        var manifest = JsonSerializer.Deserialize<ExportManifest>(Read(zip, "manifest.json"), ArsipApp.Json)!;
        manifest.Format.ShouldBe("arsip-export/1");
        manifest.Letters.ShouldBe([id]);
        manifest.Files.Select(f => f.Path).ShouldBe(
            [$"letters/{id}/letter.json", $"letters/{id}/history.json", $"letters/{id}/verification.json", $"letters/{id}/audit-report.pdf"], ignoreOrder: true);
        foreach (var file in manifest.Files)
        {
            var bytes = Read(zip, file.Path);
            Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(file.Sha256, file.Path);
            bytes.LongLength.ShouldBe(file.Bytes);
        }

        var history = JsonSerializer.Deserialize<HistoryEntry[]>(Read(zip, $"letters/{id}/history.json"), ArsipApp.Json)!;
        history.Select(h => h.Type).ShouldBe(["incoming_letter_registered", "incoming_letter_corrected"]);
        JsonSerializer.Deserialize<ChainVerification>(Read(zip, $"letters/{id}/verification.json"), ArsipApp.Json)!.Intact.ShouldBeTrue();
        using (var report = PdfDocument.Open(Read(zip, $"letters/{id}/audit-report.pdf")))
            string.Join(" ", report.GetPages().Select(p => p.Text)).ShouldContain("incoming_letter_corrected");
        System.Text.Encoding.UTF8.GetString(Read(zip, "README.txt")).ShouldContain("manifest.json");

        var after = await (await As("auditor")).GetFromJsonAsync<HistoryEntry[]>($"/api/letters/{id}/history", ArsipApp.Json);
        after!.Last().Type.ShouldBe("letter_exported");
        (await (await As("auditor")).GetFromJsonAsync<ChainVerification>($"/api/letters/{id}/verify", ArsipApp.Json))!.Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task A_period_exports_the_letters_the_auditor_may_see_and_only_auditors_export()
    {
        var first = await LetterAsync("EXP/P1");
        var second = await LetterAsync("EXP/P2");

        var response = await (await As("auditor")).GetAsync("/api/audit/export?from=2026-11-01&to=2026-11-30");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        JsonSerializer.Deserialize<ExportManifest>(Read(zip, "manifest.json"), ArsipApp.Json)!.Letters.ShouldBe([first, second], ignoreOrder: true);

        (await (await As("registrar")).GetAsync($"/api/letters/{first}/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("auditor", "kab-bekasi")).GetAsync($"/api/letters/{first}/export")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await As("auditor")).GetAsync("/api/audit/export?from=2026-12-01&to=2026-11-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static byte[] Read(ZipArchive zip, string path)
    {
        using var stream = zip.GetEntry(path)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
