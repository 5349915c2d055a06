using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Arsip.Audit;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Records;
using Arsip.ReferenceData;
using Arsip.Search;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Arsip.IntegrationTests.Records;

/// <summary>What the handover tests share: berkas whose retention ended, proposing, waiting for the build, downloading, verifying.</summary>
public abstract class HandoverTest(ArsipApp app) : RecordsTest(app)
{
    protected const string Institution = "Dinas Perpustakaan dan Kearsipan Kota Bekasi";

    protected DateOnly Today => DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);

    /// <summary>A closed berkas whose retention ended 2 years ago with <paramref name="action"/>.</summary>
    protected async Task<Guid> EndedAsync(Guid unit, IReadOnlyCollection<Guid> letters, FinalAction action = FinalAction.Permanen) =>
        await RecordsSeed.CaseFileAsync(App, unit, "100.3", letters, Today.AddYears(-9), activeYears: 2, inactiveYears: 5, finalAction: action);

    protected async Task<Guid> ProposeAsync(params Guid[] caseFileIds)
    {
        var response = await PostAsync("arsiparis", "/api/handovers", new { institution = Institution, caseFileIds });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<HandoverProposedResponse>(response)).Id;
    }

    protected async Task<HandoverDetail> BuiltAsync(Guid id)
    {
        // the build is durable background work: wait for its end (not a timing assertion; the limit only stops a hung test)
        for (var i = 0; i < 600; i++)
        {
            var detail = await GetAsync<HandoverDetail>("arsiparis", $"/api/handovers/{id}");
            if (detail.Summary.Status is HandoverStatus.Built or HandoverStatus.Accepted) return detail;
            await Task.Delay(100);
        }
        throw new TimeoutException($"handover {id} was not built");
    }

    protected async Task<string> DownloadAsync(Guid id)
    {
        var response = await (await As("arsiparis")).GetAsync($"/api/handovers/{id}/package");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.Headers.GetValues("X-Content-SHA256").Single().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var path = Path.Combine(Path.GetTempPath(), $"handover-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    public static (int ExitCode, string Output) Verify(string package)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(ArsipApp.SamplesFolder, "..", "ops", "verify-handover"));
        info.ArgumentList.Add(package);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    protected static string PdfText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"handover-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var info = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, ArgumentList = { path, "-" } };
            using var process = Process.Start(info)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "); // lines break where the layout did
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A copy of the package with one entry's bytes replaced (the attacker has no signing key).</summary>
    protected static string Tampered(string package, Func<string, bool> which, Func<byte[], byte[]> change)
    {
        var path = Path.Combine(Path.GetTempPath(), $"handover-tampered-{Guid.NewGuid():N}.zip");
        using (var source = ZipFile.OpenRead(package))
        using (var target = ZipFile.Open(path, ZipArchiveMode.Create))
            foreach (var entry in source.Entries)
            {
                using var input = entry.Open();
                using var buffer = new MemoryStream();
                input.CopyTo(buffer);
                var bytes = which(entry.FullName) ? change(buffer.ToArray()) : buffer.ToArray();
                using var output = target.CreateEntry(entry.FullName).Open();
                output.Write(bytes);
            }
        return path;
    }

    protected static string Entry(string package, Func<string, bool> which)
    {
        using var zip = ZipFile.OpenRead(package);
        using var reader = new StreamReader(zip.Entries.First(e => which(e.FullName)).Open());
        return reader.ReadToEnd();
    }

}

/// <summary>Penyerahan through HTTP: propose, approve, the package built in the background, verified by ops/verify-handover, acceptance; every refusal.</summary>
public class HandoverTests(ArsipApp app) : HandoverTest(app)
{
    private const string Sender = "Badan Riset “Ñusantara” — Ⅲ 😀";

    [Fact]
    public async Task A_handover_is_proposed_approved_built_verified_downloaded_and_accepted()
    {
        var umum = await UnitAsync("Umum");
        var first = await LetterAsync(sender: Sender);
        var second = await LetterAsync();
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("scan"), "kind");
            var scan = new ByteArrayContent(TestPdfs.Letter("Laporan keuangan triwulan III"));
            scan.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(scan, "files", "pindaian.pdf");
            var added = await (await As("registrar")).PostAsync($"/api/incoming-letters/{first}/attachments", form);
            added.IsSuccessStatusCode.ShouldBeTrue(await added.Content.ReadAsStringAsync());
        }
        var kept = await EndedAsync(umum, [first, second]);
        var alsoKept = await EndedAsync(umum, [await LetterAsync()]);
        var destroyable = await EndedAsync(umum, [await LetterAsync()], FinalAction.Musnah);

        var id = await ProposeAsync(kept, alsoKept);
        var proposed = await GetAsync<HandoverDetail>("arsiparis", $"/api/handovers/{id}");
        proposed.Summary.Status.ShouldBe(HandoverStatus.Proposed);
        proposed.Next.ShouldBe(new HandoverNextSteps(false, false, false, false, Withdraw: true));
        (await GetAsync<HandoverDetail>("walikota", $"/api/handovers/{id}")).Next.Approve.ShouldBeTrue();
        (await (await As("arsiparis")).GetAsync($"/api/handovers/{id}/list.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await PostAsync("arsiparis", $"/api/handovers/{id}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("walikota", $"/api/handovers/{id}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("walikota", $"/api/handovers/{id}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var built = await BuiltAsync(id);
        built.Summary.Done.ShouldBe(2);
        built.Summary.Total.ShouldBe(2);
        built.Package!.CaseFiles.ShouldBe(2);
        built.Package.Records.ShouldBe(3);
        built.Next.Download.ShouldBeTrue();
        built.Next.Accept.ShouldBeFalse(); // not delivered yet

        // a second build request does nothing and says so
        var again = await PostAsync("arsiparis", $"/api/handovers/{id}/package", new { });
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldContain("already built");

        // the documents, issued and read back
        var list = PdfText(await (await As("arsiparis")).GetByteArrayAsync($"/api/handovers/{id}/list.pdf"));
        list.ShouldContain("DAFTAR ARSIP STATIS YANG DISERAHKAN");
        list.ShouldContain(Institution);
        var files = await App.Store.QuerySession("kota-bekasi").LoadManyAsync<CaseFile>(kept, alsoKept, destroyable);
        foreach (var f in files.Where(f => f.Id != destroyable)) list.ShouldContain(f.Title);
        list.ShouldNotContain(files.Single(f => f.Id == destroyable).Title);
        var beritaAcara = PdfText(await (await As("walikota")).GetByteArrayAsync($"/api/handovers/{id}/berita-acara.pdf"));
        beritaAcara.ShouldContain("BERITA ACARA PENYERAHAN ARSIP STATIS");
        beritaAcara.ShouldContain($"Nomor: {built.Summary.Number}");
        beritaAcara.ShouldContain("tahun dua ribu dua puluh enam");
        beritaAcara.ShouldContain("PIHAK KEDUA");
        beritaAcara.ShouldContain(Institution);
        beritaAcara.ShouldContain("2 (dua) berkas berisi 3 (tiga) item");

        // the package: only archivists and administrators take it out
        (await (await As("walikota")).GetAsync($"/api/handovers/{id}/package")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("arsiparis", $"/api/handovers/{id}/acceptance", new { receiptNumber = "TT/1", receiptDate = Today }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict); // not downloaded yet
        var package = await DownloadAsync(id);
        try
        {
            var (code, output) = Verify(package);
            output.ShouldStartWith("OK", customMessage: output);
            code.ShouldBe(0);
            Entry(package, n => n.EndsWith("/bag-info.txt")).ShouldContain($"External-Identifier: {built.Summary.Number}");
            Entry(package, n => n.EndsWith($"records/{first}/events.jsonl")).ShouldContain(Sender);
            using (var zip = ZipFile.OpenRead(package))
            {
                zip.Entries.ShouldContain(e => e.FullName.Contains($"records/{first}/files/"));
                zip.Entries.ShouldContain(e => e.FullName.EndsWith("data/berita-acara-penyerahan.pdf"));
                zip.Entries.ShouldContain(e => e.FullName.Contains($"data/berkas/{kept}/anchor.json"));
            }

            var fileChanged = Tampered(package, n => n.Contains("/files/"), b => [.. b, (byte)'\n']);
            var eventChanged = Tampered(package, n => n.EndsWith($"records/{second}/events.jsonl"),
                b => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).Replace("Laporan keuangan", "Laporan keuangan palsu")));
            var manifestChanged = Tampered(package, n => n.EndsWith("/manifest-sha256.txt"), b => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).Replace(
                Encoding.UTF8.GetString(b).Split('\n').First(l => l.Contains("berita-acara")).Split(' ')[0], new string('0', 64))));
            try
            {
                var (fileCode, fileOutput) = Verify(fileChanged);
                fileCode.ShouldBe(1);
                fileOutput.ShouldContain("SHA-256 differs from the manifest");
                var (eventCode, eventOutput) = Verify(eventChanged);
                eventCode.ShouldBe(1);
                eventOutput.ShouldContain($"records/{second}/events.jsonl version 1: hash chain broken");
                var (manifestCode, manifestOutput) = Verify(manifestChanged);
                manifestCode.ShouldBe(1);
                manifestOutput.ShouldContain("signature does not verify");
                manifestOutput.ShouldContain("manifest-sha256.txt: SHA-256 differs from the tag manifest");
            }
            finally
            {
                File.Delete(fileChanged);
                File.Delete(eventChanged);
                File.Delete(manifestChanged);
            }
        }
        finally
        {
            File.Delete(package);
        }

        // acceptance: refusals write nothing, then the berkas are handed over
        (await PostAsync("walikota", $"/api/handovers/{id}/acceptance", new { receiptNumber = "TT/1", receiptDate = Today })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("arsiparis", $"/api/handovers/{id}/acceptance", new { receiptNumber = " ", receiptDate = Today })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync("arsiparis", $"/api/handovers/{id}/acceptance", new { receiptNumber = "TT/1", receiptDate = Today.AddDays(1) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using (var form = new MultipartFormDataContent { { new StringContent("TT/1"), "receiptNumber" }, { new StringContent(Today.ToString("yyyy-MM-dd")), "receiptDate" } })
        {
            var text = new ByteArrayContent("bukan pindaian"u8.ToArray());
            text.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(text, "files", "tanda-terima.txt");
            var refused = await (await As("arsiparis")).PostAsync($"/api/handovers/{id}/acceptance/with-receipt", form);
            ((int)refused.StatusCode).ShouldBeInRange(400, 499);
            refused.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, await refused.Content.ReadAsStringAsync());
        }
        (await GetAsync<HandoverDetail>("arsiparis", $"/api/handovers/{id}")).Summary.Status.ShouldBe(HandoverStatus.Built);
        using (var form = new MultipartFormDataContent
               {
                   { new StringContent("TT/PNY/7/2026"), "receiptNumber" }, { new StringContent(Today.ToString("yyyy-MM-dd")), "receiptDate" },
                   { new StringContent("Kepala Dinas Perpustakaan dan Kearsipan"), "receivedBy" },
               })
        {
            var receipt = new ByteArrayContent(TestPdfs.Letter("Tanda terima arsip statis"));
            receipt.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(receipt, "files", "tanda-terima.pdf");
            var accepted = await (await As("arsiparis")).PostAsync($"/api/handovers/{id}/acceptance/with-receipt", form);
            accepted.StatusCode.ShouldBe(HttpStatusCode.NoContent, await accepted.Content.ReadAsStringAsync());
        }
        var done = await GetAsync<HandoverDetail>("arsiparis", $"/api/handovers/{id}");
        done.Summary.Status.ShouldBe(HandoverStatus.Accepted);
        done.Acceptance!.ReceiptNumber.ShouldBe("TT/PNY/7/2026");
        done.Acceptance.ReceiptScanSha256.ShouldNotBeNull();
        done.Acceptance.ContentKept.ShouldBeTrue();
        done.CaseFiles.ShouldAllBe(f => f.Status == CaseFileStatus.HandedOver);
        // KeepContentAfterHandover=true (the default): the content stays, whole and downloadable, and nothing was queued to destroy it
        await using (var query = App.Store.QuerySession("kota-bekasi"))
        {
            var view = (await query.LoadAsync<Arsip.Correspondence.IncomingLetterView>(first))!;
            view.Destroyed.ShouldBeNull();
            view.Sender.ShouldBe(Sender);
            var scan = await (await As("arsiparis")).GetAsync($"/api/incoming-letters/{first}/attachments/{view.Files.Single().Sha256}");
            scan.StatusCode.ShouldBe(HttpStatusCode.OK, await scan.Content.ReadAsStringAsync());
            (await query.LoadAsync<HandoverProposal>(id))!.ContentDone.ShouldBeEmpty();
        }
        (await PostAsync("arsiparis", $"/api/handovers/{id}/acceptance", new { receiptNumber = "TT/1", receiptDate = Today })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await using var session = App.Store.QuerySession("kota-bekasi");
        var handed = await session.LoadAsync<CaseFile>(kept);
        handed!.Status.ShouldBe(CaseFileStatus.HandedOver);
        handed.Custody.ShouldBe(Custody.StaticArchive);
        handed.ProposalId.ShouldBeNull();
        (await session.LoadAsync<CaseFileOnProposal>(kept)).ShouldBeNull();
        // handed over is the end: it can go on no other proposal
        var later = await PostAsync("arsiparis", "/api/handovers", new { institution = Institution, caseFileIds = new[] { kept } });
        later.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await later.Content.ReadAsStringAsync()).ShouldContain("sudah diserahkan");
    }

    [Fact]
    public async Task A_proposal_refuses_each_berkas_it_cannot_take_and_names_it()
    {
        var umum = await UnitAsync("Umum");
        var musnah = await EndedAsync(umum, [await LetterAsync()], FinalAction.Musnah);
        var young = await RecordsSeed.CaseFileAsync(App, umum, "100.3", [await LetterAsync()], Today.AddYears(-1), 2, 5, FinalAction.Permanen);
        var open = await RecordsSeed.CaseFileAsync(App, umum, "100.3", [await LetterAsync()]);
        var held = await EndedAsync(umum, [await LetterAsync()]);
        var hold = await PostAsync("arsiparis", "/api/legal-holds", new { caseFileId = held, reason = "Perkara", reference = "PN 1/2026" });
        hold.StatusCode.ShouldBe(HttpStatusCode.Created, await hold.Content.ReadAsStringAsync());
        var fine = await EndedAsync(umum, [await LetterAsync()]);
        async Task<int> Proposals()
        {
            await using var query = App.Store.QuerySession("kota-bekasi");
            return await query.Query<HandoverProposal>().CountAsync();
        }
        var before = await Proposals();

        async Task<ProblemDetails> Refused(string user, object body, HttpStatusCode status)
        {
            var response = await PostAsync(user, "/api/handovers", body);
            response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
            return (await ReadAsync<ProblemDetails>(response))!;
        }

        (await PostAsync("analis", "/api/handovers", new { institution = Institution, caseFileIds = new[] { fine } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Refused("arsiparis", new { institution = " ", caseFileIds = new[] { fine } }, HttpStatusCode.BadRequest);
        await Refused("arsiparis", new { institution = Institution, caseFileIds = Array.Empty<Guid>() }, HttpStatusCode.BadRequest);
        await Refused("arsiparis", new { institution = Institution, caseFileIds = new[] { fine, fine } }, HttpStatusCode.BadRequest);
        await Refused("arsiparis", new { institution = Institution, caseFileIds = new[] { Guid.NewGuid() } }, HttpStatusCode.NotFound);
        (await PostAsync("arsiparis", "/api/handovers", new { institution = Institution, caseFileIds = Enumerable.Range(0, 10_001).Select(_ => Guid.NewGuid()) }))
            .StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var retention = await Refused("arsiparis", new { institution = Institution, caseFileIds = new[] { musnah, young, open } }, HttpStatusCode.UnprocessableEntity);
        retention.Detail!.ShouldContain("bukan permanen");
        retention.Detail!.ShouldContain("belum berakhir");
        var conflict = await Refused("arsiparis", new { institution = Institution, caseFileIds = new[] { fine, held, musnah } }, HttpStatusCode.Conflict);
        conflict.Detail!.ShouldContain("ditangguhkan");
        var named = conflict.Extensions["caseFiles"]!.ToString()!;
        named.ShouldContain(held.ToString());
        named.ShouldContain(musnah.ToString());
        named.ShouldNotContain(fine.ToString());
        await ProposeAsync(fine);
        var twice = await Refused("arsiparis", new { institution = Institution, caseFileIds = new[] { fine } }, HttpStatusCode.Conflict);
        twice.Detail!.ShouldContain("usulan penyerahan lain");
        // another agency's berkas is not found under the caller's agency
        var other = await App.SignInAsync("arsiparis", "kab-bekasi");
        (await other.PostAsJsonAsync("/api/handovers", new { institution = Institution, caseFileIds = new[] { held } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var session = App.Store.QuerySession("kota-bekasi");
        (await Proposals()).ShouldBe(before + 1); // every refusal wrote nothing
        var handover = (await session.Query<HandoverProposal>().ToListAsync()).Single(h => h.CaseFileIds.Contains(fine));
        (await other.GetAsync($"/api/handovers/{handover.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync("analis", $"/api/handovers/{handover.Id}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("arsiparis", $"/api/handovers/{Guid.NewGuid()}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync("arsiparis", $"/api/handovers/{handover.Id}/package", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict); // not approved
    }

    [Fact]
    public async Task A_proposal_is_withdrawn_by_its_proposer_or_rejected_by_the_head_with_a_reason_and_its_berkas_may_be_proposed_again()
    {
        var umum = await UnitAsync("Umum");
        var file = await EndedAsync(umum, [await LetterAsync()]);
        var handover = await ProposeAsync(file);
        foreach (var user in new[] { "analis", "walikota", "arsiparis" }) await As(user);
        async Task<long> Events()
        {
            await using var session = App.Store.QuerySession("kota-bekasi");
            return await session.Events.QueryAllRawEvents().CountAsync();
        }
        var before = await Events();
        (await PostAsync("analis", $"/api/handovers/{handover}/withdraw", new { reason = "Bukan urusan saya" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("analis", $"/api/handovers/{handover}/reject", new { reason = "Bukan pimpinan" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("arsiparis", $"/api/handovers/{handover}/reject", new { reason = "Bukan pimpinan" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("arsiparis", $"/api/handovers/{handover}/withdraw", new { reason = "  " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync("arsiparis", $"/api/handovers/{Guid.NewGuid()}/withdraw", new { reason = "Salah" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.SignInAsync("arsiparis", "kab-bekasi")).PostAsJsonAsync($"/api/handovers/{handover}/withdraw", new { reason = "Salah" }, ArsipApp.Json))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Events()).ShouldBe(before, "every refusal wrote nothing");
        (await GetAsync<HandoverDetail>("arsiparis", $"/api/handovers/{handover}")).Next.Withdraw.ShouldBeTrue();
        (await GetAsync<HandoverDetail>("walikota", $"/api/handovers/{handover}")).Next.Reject.ShouldBeTrue();

        var withdrawn = await PostAsync("arsiparis", $"/api/handovers/{handover}/withdraw", new { reason = "Berkas salah pilih" });
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.NoContent, await withdrawn.Content.ReadAsStringAsync());
        var detail = await GetAsync<HandoverDetail>("arsiparis", $"/api/handovers/{handover}");
        detail.Summary.Status.ShouldBe(HandoverStatus.Withdrawn);
        detail.Closing.ShouldNotBeNull().Reason.ShouldBe("Berkas salah pilih");
        detail.Next.ShouldBe(new HandoverNextSteps(false, false, false, false, false, false));
        (await GetAsync<HandoverDetail>("walikota", $"/api/handovers/{handover}")).Next.Approve.ShouldBeFalse();
        // nothing more happens to an ended proposal
        before = await Events();
        (await PostAsync("arsiparis", $"/api/handovers/{handover}/withdraw", new { reason = "Sekali lagi" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostAsync("walikota", $"/api/handovers/{handover}/reject", new { reason = "Terlambat" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostAsync("walikota", $"/api/handovers/{handover}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Events()).ShouldBe(before);

        // its berkas goes on a new proposal, which the head rejects; then on a third, approved: neither can then be withdrawn or rejected
        var again = await ProposeAsync(file);
        (await PostAsync("walikota", $"/api/handovers/{again}/reject", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rejected = await PostAsync("walikota", $"/api/handovers/{again}/reject", new { reason = "Lembaga kearsipan belum siap menerima" });
        rejected.StatusCode.ShouldBe(HttpStatusCode.NoContent, await rejected.Content.ReadAsStringAsync());
        var rejectedDetail = await GetAsync<HandoverDetail>("arsiparis", $"/api/handovers/{again}");
        rejectedDetail.Summary.Status.ShouldBe(HandoverStatus.Rejected);
        rejectedDetail.Closing!.By.ShouldContain("Wali Kota");
        var third = await ProposeAsync(file);
        (await PostAsync("walikota", $"/api/handovers/{third}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("arsiparis", $"/api/handovers/{third}/withdraw", new { reason = "Terlambat" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostAsync("walikota", $"/api/handovers/{third}/reject", new { reason = "Terlambat" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await BuiltAsync(third);
    }

    [Fact]
    public async Task A_berkas_held_after_the_proposal_is_left_out_with_a_note()
    {
        var umum = await UnitAsync("Umum");
        var stays = await EndedAsync(umum, [await LetterAsync()]);
        var heldLater = await EndedAsync(umum, [await LetterAsync()]);
        var id = await ProposeAsync(stays, heldLater);
        (await PostAsync("auditor", "/api/legal-holds", new { caseFileId = heldLater, reason = "Pemeriksaan", reference = "ST-9/2026" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostAsync("walikota", $"/api/handovers/{id}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var built = await BuiltAsync(id);
        built.CaseFiles.Select(f => f.Id).ShouldBe([stays]);
        built.Skipped.Single().CaseFileId.ShouldBe(heldLater);
        built.Skipped.Single().Note.ShouldContain("Ditangguhkan");
        await using var session = App.Store.QuerySession("kota-bekasi");
        (await session.LoadAsync<CaseFile>(heldLater))!.ProposalId.ShouldBeNull();
        (await session.LoadAsync<CaseFileOnProposal>(heldLater)).ShouldBeNull();
    }

    [Fact]
    public async Task An_interrupted_build_is_discarded_and_built_again()
    {
        var umum = await UnitAsync("Umum");
        var berkas = await EndedAsync(umum, [await LetterAsync(), await LetterAsync()]);
        var id = await ProposeAsync(berkas);
        // the state a kill -9 leaves: approved, a build started and part-way, its half-written file on disk, no message left
        var now = App.Clock.GetUtcNow();
        await using (var session = App.Store.LightweightSession("kota-bekasi"))
        {
            session.Events.Append(id, new HandoverApproved(id, Guid.NewGuid(), "walikota", "Wali Kota Bekasi", Today, now),
                new HandoverPackageStarted(id, 1, 1, now), new HandoverPackageProgressed(id, 1, 0, now));
            await session.SaveChangesAsync();
        }
        var settings = App.Services.GetRequiredService<RecordsSettings>();
        Directory.CreateDirectory(HandoverPackages.Folder(settings, "kota-bekasi"));
        var partial = Path.Combine(HandoverPackages.Folder(settings, "kota-bekasi"), $"{id}.1.partial");
        await File.WriteAllBytesAsync(partial, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
        (await GetAsync<HandoverDetail>("arsiparis", $"/api/handovers/{id}")).Summary.Status.ShouldBe(HandoverStatus.Building);

        var resumed = await PostAsync("arsiparis", $"/api/handovers/{id}/package", new { });
        resumed.StatusCode.ShouldBe(HttpStatusCode.Accepted, await resumed.Content.ReadAsStringAsync());
        var built = await BuiltAsync(id);
        built.Package!.Records.ShouldBe(2);
        File.Exists(partial).ShouldBeFalse();
        await using (var session = App.Store.QuerySession("kota-bekasi"))
            (await session.LoadAsync<HandoverProposal>(id))!.Attempt.ShouldBe(2);
        var package = await DownloadAsync(id);
        try
        {
            var (code, output) = Verify(package);
            code.ShouldBe(0, output);
        }
        finally
        {
            File.Delete(package);
        }
    }
}

/// <summary>An agency that keeps no content once the static archive has accepted it; two berkas per destruction batch.</summary>
public sealed class ContentNotKeptApp : ArsipApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Arsip:Records:KeepContentAfterHandover", "false");
        builder.UseSetting("Arsip:Records:DisposalBatchSize", "2");
    }
}

/// <summary><c>Arsip:Records:KeepContentAfterHandover=false</c>: after the acceptance the content is destroyed like a disposal's, in durable
/// batches, with tombstones that name the handover's berita acara and the archive.</summary>
public class HandoverContentNotKeptTests(ContentNotKeptApp app) : HandoverTest(app), IClassFixture<ContentNotKeptApp>
{
    private async Task<SearchResult> SearchAsync(string q) =>
        (await (await As("arsiparis")).GetFromJsonAsync<SearchResult>("/api/search?q=" + Uri.EscapeDataString(q), ArsipApp.Json))!;

    private async Task<SearchResult> EventuallyAsync(string q, int hits)
    {
        // the index follows the events in the background: a bound on waiting, not a speed claim
        var deadline = DateTime.UtcNow.AddSeconds(60);
        SearchResult found;
        while ((found = await SearchAsync(q)).TotalHits != hits && DateTime.UtcNow < deadline) await Task.Delay(100);
        return found;
    }

    [Fact]
    public async Task After_acceptance_the_content_is_destroyed_naming_the_handover_and_the_archive_and_the_chains_verify()
    {
        var umum = await UnitAsync("Umum");
        var word = "naskahstatis" + Guid.NewGuid().ToString("N")[..8];
        var letters = new List<Guid>();
        for (var i = 0; i < 3; i++) letters.Add(await LetterAsync());
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("scan"), "kind");
            var scan = new ByteArrayContent(TestPdfs.Letter($"Peraturan daerah tentang {word} yang diserahkan"));
            scan.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(scan, "files", "pindaian.pdf");
            var added = await (await As("registrar")).PostAsync($"/api/incoming-letters/{letters[0]}/attachments", form);
            added.IsSuccessStatusCode.ShouldBeTrue(await added.Content.ReadAsStringAsync());
        }
        (await EventuallyAsync(word, 1)).TotalHits.ShouldBe(1, "the scan's words are indexed before the handover");
        var files = new[] { await EndedAsync(umum, [letters[0]]), await EndedAsync(umum, [letters[1]]), await EndedAsync(umum, [letters[2]]) };
        var id = await ProposeAsync(files);
        (await PostAsync("walikota", $"/api/handovers/{id}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var built = await BuiltAsync(id);
        var package = await DownloadAsync(id);
        try
        {
            var (code, output) = Verify(package);
            code.ShouldBe(0, output); // the archive receives everything: the package is made before anything is destroyed
            Entry(package, n => n.Contains($"records/{letters[0]}/files/")).ShouldNotBeEmpty();
        }
        finally
        {
            File.Delete(package);
        }
        string scanSha;
        await using (var query = App.Store.QuerySession("kota-bekasi"))
            scanSha = (await query.LoadAsync<Arsip.Correspondence.IncomingLetterView>(letters[0]))!.Files.Single().Sha256;

        var accepted = await PostAsync("arsiparis", $"/api/handovers/{id}/acceptance", new { receiptNumber = "TT/PNY/9/2026", receiptDate = Today });
        accepted.StatusCode.ShouldBe(HttpStatusCode.NoContent, await accepted.Content.ReadAsStringAsync());

        // durable batches of two berkas: wait for the last (a bound on waiting, not a speed claim)
        HandoverProposal handover;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await using var query = App.Store.QuerySession("kota-bekasi");
            handover = (await query.LoadAsync<HandoverProposal>(id))!;
            if (handover.ContentDone.Count == files.Length) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        handover.ContentDone.ShouldBe(files, ignoreOrder: true);
        handover.ContentDestroyedRecords.ShouldBe(3);
        handover.Acceptance!.ContentKept.ShouldBeFalse();

        var number = built.Summary.Number;
        await using (var query = App.Store.QuerySession("kota-bekasi"))
        {
            foreach (var letter in letters)
            {
                var view = (await query.LoadAsync<Arsip.Correspondence.IncomingLetterView>(letter))!;
                view.Destroyed.ShouldNotBeNull();
                view.Destroyed.Reference.ShouldBe(number);
                view.Destroyed.HandedOverTo.ShouldBe(Institution);
                view.Destroyed.DisposalId.ShouldBe(id);
                view.Files.ShouldBeEmpty();
            }
            (await query.LoadManyAsync<CaseFile>(files)).ShouldAllBe(f => f.Status == CaseFileStatus.HandedOver);
        }

        // the download answers 410 Gone, naming the handover's berita acara and the archive
        var gone = await (await As("arsiparis")).GetAsync($"/api/incoming-letters/{letters[0]}/attachments/{scanSha}");
        var body = await gone.Content.ReadAsStringAsync();
        gone.StatusCode.ShouldBe(HttpStatusCode.Gone, body);
        gone.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        body.ShouldContain(number);
        body.ShouldContain(Institution);
        body.ShouldContain("diserahkan");

        // search finds none of its words; the chains still verify
        (await EventuallyAsync(word, 0)).TotalHits.ShouldBe(0);
        var auditor = await As("auditor");
        foreach (var letter in letters)
            (await auditor.GetFromJsonAsync<ChainVerification>($"/api/letters/{letter}/verify", ArsipApp.Json))!.Intact.ShouldBeTrue(letter.ToString());

        // a redelivered batch destroys nothing twice
        using (var scope = App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeForTenantAsync("kota-bekasi", new DestroyHandedOverContent(id));
        await using (var query = App.Store.QuerySession("kota-bekasi"))
            (await query.LoadAsync<HandoverProposal>(id))!.ContentDestroyedRecords.ShouldBe(3);
    }
}
