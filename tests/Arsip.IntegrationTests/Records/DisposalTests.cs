using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Pdf;
using Arsip.Organization;
using Arsip.Records;
using Marten;

namespace Arsip.IntegrationTests.Records;

/// <summary>Pemusnahan through HTTP: proposal with its panitia penilai, assessments, approvals, durable execution, the two PDFs, and every refusal.</summary>
public class DisposalTests(ArsipApp app) : RecordsTest(app)
{
    private static int _subjects;
    private OrganizationChart? _chart;

    private async Task<Guid> PersonAsync(string userName) =>
        (_chart ??= (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!).People.Single(p => p.UserName == userName).Id;

    /// <summary>The panitia the rules ask for when the berkas are Bagian Umum's (the records centre): its head as chair, an archivist, one more.</summary>
    private async Task<Guid[]> CommitteeAsync() => [await PersonAsync("kabag.umum"), await PersonAsync("arsiparis"), await PersonAsync("kasubbag.tu")];

    private async Task<(Guid Letter, string Subject)> SubjectLetterAsync()
    {
        var subject = $"Usul musnah uji {Interlocked.Increment(ref _subjects)} {Guid.NewGuid():N}"[..28];
        var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
        var body = new JsonObject
        {
            ["sender"] = "Dinas Perhubungan", ["senderLetterNumber"] = $"DSP/{Guid.NewGuid():N}"[..20],
            ["letterDate"] = today.ToString("yyyy-MM-dd"), ["receivedOn"] = today.ToString("yyyy-MM-dd"), ["subject"] = subject,
            ["classification"] = "000.1", ["securityLevel"] = "Biasa", ["urgency"] = "Biasa",
        };
        var response = await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await ReadAsync<RegisterIncomingLetterResponse>(response)).Id, subject);
    }

    /// <summary>A Bagian Umum berkas closed in 2015 whose retention (active + inactive years) ended before today (2026-11-24).</summary>
    private async Task<(Guid Id, string Subject)> EndedAsync(int activeYears = 2, int inactiveYears = 5, Arsip.ReferenceData.FinalAction finalAction = Arsip.ReferenceData.FinalAction.Musnah, DateOnly? closedOn = null)
    {
        var (letter, subject) = await SubjectLetterAsync();
        var id = await RecordsSeed.CaseFileAsync(App, await UnitAsync("Umum"), "000.1", [letter], closedOn ?? new DateOnly(2015, 1, 10), activeYears, inactiveYears, finalAction);
        return (id, subject);
    }

    private async Task<Guid> ProposedAsync(params Guid[] caseFiles)
    {
        var response = await PostAsync("arsiparis", "/api/disposals", new { caseFileIds = caseFiles, committee = await CommitteeAsync() });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<DisposalProposedResponse>(response)).Id;
    }

    private async Task AssessAllAsync(Guid disposal, params Guid[] caseFiles)
    {
        foreach (var member in new[] { "kabag.umum", "arsiparis", "kasubbag.tu" })
        {
            var response = await PostAsync(member, $"/api/disposals/{disposal}/assessments",
                new { assessments = caseFiles.Select(f => new { caseFileId = f, verdict = "Agree" }).ToArray() });
            response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        }
    }

    private async Task<DisposalDetail> DetailAsync(Guid disposal) => await GetAsync<DisposalDetail>("arsiparis", $"/api/disposals/{disposal}");

    private async Task<DisposalDetail> CompletedAsync(Guid disposal)
    {
        for (var i = 0; i < 300; i++)
        {
            var detail = await DetailAsync(disposal);
            if (detail.Disposal.Status == DisposalStatus.Completed) return detail;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("the disposal's durable execution did not finish within 30 s");
    }

    /// <summary>Every event of the agency; sign in first whoever a test still needs (a first sign-in records itself on the person's stream).</summary>
    private async Task<long> EventCountAsync()
    {
        await using var session = App.Store.QuerySession("kota-bekasi");
        return (await session.Events.QueryAllRawEvents().CountAsync());
    }

    private static MultipartFormDataContent ApprovalForm(byte[] file, string fileName, string contentType, string number = "B-1234/ANRI/KA.02/2026", string date = "2026-11-20")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(number), "number" },
            { new StringContent(date), "date" },
            { new StringContent("Arsip Nasional Republik Indonesia"), "issuer" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "file", fileName);
        return form;
    }

    [Fact]
    public async Task The_whole_path_destroys_exactly_the_approved_berkas_and_issues_the_berita_acara_a_second_execute_does_nothing()
    {
        var (ten, tenSubject) = await EndedAsync(activeYears: 2, inactiveYears: 8, closedOn: new DateOnly(2012, 3, 1));
        var (seven, sevenSubject) = await EndedAsync();
        var (kept, keptSubject) = await EndedAsync();
        var disposal = await ProposedAsync(ten, seven, kept);
        (await DetailAsync(disposal)).NeedsExternalApproval.ShouldBeTrue();

        // the approval before the panitia has assessed: refused, nothing written
        var early = await PostAsync("walikota", $"/api/disposals/{disposal}/approve", new { });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).ShouldContain("Belum semua anggota panitia menilai");

        // one member keeps a berkas longer: it leaves the proposal and its retention is extended
        (await PostAsync("kasubbag.tu", $"/api/disposals/{disposal}/assessments", new
        {
            assessments = new object[]
            {
                new { caseFileId = kept, verdict = "KeepLonger", reason = "Masih menjadi rujukan pengadaan", extraYears = 3 },
                new { caseFileId = ten, verdict = "Agree" }, new { caseFileId = seven, verdict = "Agree" },
            },
        })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        foreach (var member in new[] { "kabag.umum", "arsiparis" })
            (await PostAsync(member, $"/api/disposals/{disposal}/assessments",
                new { assessments = new[] { new { caseFileId = ten, verdict = "Agree" }, new { caseFileId = seven, verdict = "Agree" } } })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using (var session = App.Store.QuerySession("kota-bekasi"))
        {
            (await session.LoadAsync<CaseFileOnProposal>(kept)).ShouldBeNull();
            var file = (await session.LoadAsync<CaseFile>(kept))!;
            file.ProposalId.ShouldBeNull();
            file.InactiveUntil.ShouldBe(new ArsipClock(App.Clock).Today.AddYears(3)); // three years from today: its end had passed
        }

        (await PostAsync("walikota", $"/api/disposals/{disposal}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // retention of 10 years: not executable before ANRI's approval is recorded
        var tooSoon = await PostAsync("arsiparis", $"/api/disposals/{disposal}/execute", new { });
        tooSoon.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await tooSoon.Content.ReadAsStringAsync()).ShouldContain("Persetujuan ANRI");
        var scan = TestPdfs.Letter("Persetujuan pemusnahan arsip", "Persetujuan Pemusnahan");
        var recorded = await (await As("arsiparis")).PostAsync($"/api/disposals/{disposal}/external-approval", ApprovalForm(scan, "persetujuan.pdf", "application/pdf"));
        recorded.StatusCode.ShouldBe(HttpStatusCode.NoContent, await recorded.Content.ReadAsStringAsync());
        (await (await As("arsiparis")).GetByteArrayAsync($"/api/disposals/{disposal}/external-approval/scan")).ShouldBe(scan);

        var started = await PostAsync("arsiparis", $"/api/disposals/{disposal}/execute", new { });
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var done = await CompletedAsync(disposal);
        done.Disposal.Done.ShouldBe(2);
        done.Disposal.Total.ShouldBe(2);
        foreach (var id in new[] { ten, seven })
            (await GetAsync<JsonObject>("arsiparis", $"/api/case-files/{id}"))["caseFile"]!["status"]!.GetValue<string>().ShouldBe("Destroyed");

        var text = Text(await (await As("arsiparis")).GetByteArrayAsync($"/api/disposals/{disposal}/berita-acara.pdf"));
        text.ShouldContain("BERITA ACARA PEMUSNAHAN ARSIP");
        text.ShouldContain(done.Disposal.Completion!.Reference);
        text.ShouldContain(IndonesianDate.InWords(new ArsipClock(App.Clock).Today));
        text.ShouldContain("B-1234/ANRI/KA.02/2026");
        text.ShouldContain(tenSubject);
        text.ShouldContain(sevenSubject);
        text.ShouldNotContain(keptSubject);
        var list = Text(await (await As("arsiparis")).GetByteArrayAsync($"/api/disposals/{disposal}/list.pdf"));
        list.ShouldContain("DAFTAR ARSIP USUL MUSNAH");
        list.ShouldContain("Dipertahankan 3 tahun");

        // executing twice: 200, "sudah dilaksanakan", nothing written
        var before = await EventCountAsync();
        var again = await PostAsync("arsiparis", $"/api/disposals/{disposal}/execute", new { });
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldContain("sudah dilaksanakan");
        await Task.Delay(300);
        (await EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_execution_whose_batches_were_lost_in_a_crash_is_finished_by_a_second_execute()
    {
        var (a, aSubject) = await EndedAsync();
        var (b, bSubject) = await EndedAsync();
        var disposal = await ProposedAsync(a, b);
        await AssessAllAsync(disposal, a, b);
        (await PostAsync("walikota", $"/api/disposals/{disposal}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // what a node killed right after the start committed leaves behind when its queued batch is lost: started, nothing done
        await using (var session = App.Store.LightweightSession("kota-bekasi"))
        {
            session.Events.Append(disposal, new DisposalExecutionStarted(disposal, "BA-PMS/99/2026", await PersonAsync("arsiparis"), "Arsiparis", "Arsiparis Ahli Pertama", 2, App.Clock.GetUtcNow()));
            await session.SaveChangesAsync();
        }
        (await DetailAsync(disposal)).Disposal.Status.ShouldBe(DisposalStatus.Executing);

        var resumed = await PostAsync("arsiparis", $"/api/disposals/{disposal}/execute", new { });
        resumed.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await resumed.Content.ReadAsStringAsync()).ShouldContain("sedang berjalan");
        var done = await CompletedAsync(disposal);
        done.Disposal.Destroyed.Select(d => d.CaseFileId).Order().ShouldBe(new[] { a, b }.Order());
        done.Disposal.Completion!.Reference.ShouldBe("BA-PMS/99/2026");
        var text = Text(await (await As("arsiparis")).GetByteArrayAsync($"/api/disposals/{disposal}/berita-acara.pdf"));
        text.ShouldContain(aSubject);
        text.ShouldContain(bSubject);
    }

    [Fact]
    public async Task A_berkas_held_since_approval_is_skipped_with_a_note_and_not_listed_in_the_berita_acara()
    {
        var (held, heldSubject) = await EndedAsync();
        var (other, otherSubject) = await EndedAsync();
        var disposal = await ProposedAsync(held, other);
        await AssessAllAsync(disposal, held, other);
        (await PostAsync("walikota", $"/api/disposals/{disposal}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("auditor", "/api/legal-holds", new { caseFileId = held, reason = "Pemeriksaan BPK", reference = "LHP 7/2026" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await PostAsync("arsiparis", $"/api/disposals/{disposal}/execute", new { })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var done = await CompletedAsync(disposal);
        done.Disposal.Skipped.Single().CaseFileId.ShouldBe(held);
        (await GetAsync<JsonObject>("arsiparis", $"/api/case-files/{held}"))["caseFile"]!["status"]!.GetValue<string>().ShouldBe("Closed");
        (await GetAsync<JsonObject>("arsiparis", $"/api/case-files/{other}"))["caseFile"]!["status"]!.GetValue<string>().ShouldBe("Destroyed");
        await using (var session = App.Store.QuerySession("kota-bekasi"))
        {
            (await session.LoadAsync<CaseFile>(held))!.ProposalId.ShouldBeNull();
            (await session.LoadAsync<CaseFileOnProposal>(held)).ShouldBeNull();
        }
        var text = Text(await (await As("arsiparis")).GetByteArrayAsync($"/api/disposals/{disposal}/berita-acara.pdf"));
        text.ShouldContain(otherSubject);
        text.ShouldNotContain(heldSubject);
        text.ShouldContain("LHP 7/2026");
        text.ShouldContain("tidak dimusnahkan");
    }

    [Fact]
    public async Task Proposing_berkas_not_ended_held_or_already_proposed_is_refused_naming_each_and_nothing_is_written()
    {
        var (notEnded, _) = await EndedAsync(closedOn: new DateOnly(2024, 1, 10));
        var (permanent, _) = await EndedAsync(finalAction: Arsip.ReferenceData.FinalAction.Permanen);
        var (held, _) = await EndedAsync();
        (await PostAsync("arsiparis", "/api/legal-holds", new { caseFileId = held, reason = "Sengketa lahan", reference = "Perkara 12/2026" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var (taken, _) = await EndedAsync();
        await ProposedAsync(taken);
        var before = await EventCountAsync();
        var committee = await CommitteeAsync();

        var early = await PostAsync("arsiparis", "/api/disposals", new { caseFileIds = new[] { notEnded, permanent }, committee });
        early.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var earlyText = await early.Content.ReadAsStringAsync();
        earlyText.ShouldContain(notEnded.ToString());
        earlyText.ShouldContain("belum berakhir");
        earlyText.ShouldContain("bukan musnah");

        var holdAndTaken = await PostAsync("arsiparis", "/api/disposals", new { caseFileIds = new[] { held, taken }, committee });
        holdAndTaken.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var conflictText = await holdAndTaken.Content.ReadAsStringAsync();
        conflictText.ShouldContain("Perkara 12/2026");
        conflictText.ShouldContain("sudah ada dalam usul lain");
        conflictText.ShouldContain(held.ToString());
        conflictText.ShouldContain(taken.ToString());

        (await EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_committee_follows_PP_28_2012_and_only_archivists_administrators_and_registrars_propose()
    {
        var (file, _) = await EndedAsync();
        await As("kadinkes");
        await As("arsiparis");
        await PersonAsync("registrar"); // the organization chart, read as the administrator
        var before = await EventCountAsync();
        var two = await PostAsync("arsiparis", "/api/disposals", new { caseFileIds = new[] { file }, committee = new[] { await PersonAsync("kabag.umum"), await PersonAsync("arsiparis") } });
        two.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await two.Content.ReadAsStringAsync()).ShouldContain("paling sedikit 3 orang");
        var noArchivist = await PostAsync("arsiparis", "/api/disposals",
            new { caseFileIds = new[] { file }, committee = new[] { await PersonAsync("kabag.umum"), await PersonAsync("kasubbag.tu"), await PersonAsync("registrar") } });
        noArchivist.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noArchivist.Content.ReadAsStringAsync()).ShouldContain("arsiparis");
        var noChair = await PostAsync("arsiparis", "/api/disposals",
            new { caseFileIds = new[] { file }, committee = new[] { await PersonAsync("arsiparis"), await PersonAsync("kasubbag.tu"), await PersonAsync("registrar") } });
        noChair.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noChair.Content.ReadAsStringAsync()).ShouldContain("Kepala Bagian Umum");
        (await PostAsync("kadinkes", "/api/disposals", new { caseFileIds = new[] { file }, committee = await CommitteeAsync() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("arsiparis", "/api/disposals", new { caseFileIds = new[] { Guid.NewGuid() }, committee = await CommitteeAsync() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Assessing_approving_and_executing_without_authority_are_forbidden_and_write_nothing()
    {
        var (file, _) = await EndedAsync();
        var disposal = await ProposedAsync(file);
        foreach (var user in new[] { "kabag.or", "kabag.umum", "sekda", "registrar", "walikota" }) await As(user);
        var before = await EventCountAsync();
        (await PostAsync("kabag.or", $"/api/disposals/{disposal}/assessments", new { assessments = new[] { new { caseFileId = file, verdict = "Agree" } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await EventCountAsync()).ShouldBe(before);

        await AssessAllAsync(disposal, file);
        var twice = await PostAsync("arsiparis", $"/api/disposals/{disposal}/assessments", new { assessments = new[] { new { caseFileId = file, verdict = "Agree" } } });
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        before = await EventCountAsync();
        (await PostAsync("kabag.umum", $"/api/disposals/{disposal}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("sekda", $"/api/disposals/{disposal}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("registrar", $"/api/disposals/{disposal}/execute", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("arsiparis", $"/api/disposals/{disposal}/execute", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostAsync("walikota", $"/api/disposals/{Guid.NewGuid()}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await EventCountAsync()).ShouldBe(before);
        // another agency's disposal is not found under its tenant
        (await (await As("arsiparis", "kab-bekasi")).GetAsync($"/api/disposals/{disposal}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_approval_scan_that_is_not_a_PDF_or_image_is_refused_with_415_and_nothing_is_written()
    {
        var (file, _) = await EndedAsync(activeYears: 3, inactiveYears: 7, closedOn: new DateOnly(2013, 5, 2));
        var disposal = await ProposedAsync(file);
        await AssessAllAsync(disposal, file);
        var before = await EventCountAsync();
        var text = await (await As("arsiparis")).PostAsync($"/api/disposals/{disposal}/external-approval",
            ApprovalForm("ini bukan pindaian"u8.ToArray(), "persetujuan.pdf", "application/pdf"));
        text.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        var blank = await (await As("arsiparis")).PostAsync($"/api/disposals/{disposal}/external-approval",
            ApprovalForm(TestPdfs.Letter("Persetujuan"), "persetujuan.pdf", "application/pdf", number: " "));
        blank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await blank.Content.ReadAsStringAsync()).ShouldContain("Nomor surat persetujuan wajib diisi");
        (await EventCountAsync()).ShouldBe(before);
        (await DetailAsync(disposal)).Disposal.ExternalApproval.ShouldBeNull();
    }

    internal static string Text(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("arsip-disposal-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "doc.pdf"), pdf);
            var info = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, ArgumentList = { "-raw", Path.Combine(folder, "doc.pdf"), "-" } };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, "pdftotext (poppler-utils) reads the PDF back; ops/test installs it");
            return System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<CaseFile> CaseFileAsync(Guid id)
    {
        await using var session = App.Store.QuerySession("kota-bekasi");
        return (await session.LoadAsync<CaseFile>(id))!;
    }

    private async Task<IReadOnlyList<WaitingDecision>> WaitingAsync(string user) => await GetAsync<List<WaitingDecision>>(user, "/api/records/waiting");

    [Fact]
    public async Task The_proposer_withdraws_a_proposal_with_a_reason_its_berkas_may_be_proposed_again_and_every_refusal_writes_nothing()
    {
        var (file, _) = await EndedAsync();
        var disposal = await ProposedAsync(file);
        var url = $"/api/disposals/{disposal}/withdraw";
        foreach (var user in new[] { "kabag.or", "walikota", "arsiparis" }) await As(user);
        var before = await EventCountAsync();
        (await PostAsync("kabag.or", url, new { reason = "Bukan urusan saya" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("walikota", url, new { reason = "Pimpinan menolak lewat penarikan" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("arsiparis", url, new { reason = "  " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync("arsiparis", $"/api/disposals/{Guid.NewGuid()}/withdraw", new { reason = "Salah" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await As("arsiparis", "kab-bekasi")).PostAsJsonAsync(url, new { reason = "Salah" }, ArsipApp.Json)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await EventCountAsync()).ShouldBe(before);
        (await DetailAsync(disposal)).MayDo.Withdraw.ShouldBeTrue();

        var response = await PostAsync("arsiparis", url, new { reason = "Berkas salah pilih" });
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        var detail = await DetailAsync(disposal);
        detail.Disposal.Status.ShouldBe(DisposalStatus.Withdrawn);
        detail.StatusLabel.ShouldBe("Ditarik kembali");
        detail.Disposal.Withdrawal.ShouldNotBeNull().Reason.ShouldBe("Berkas salah pilih");
        detail.Disposal.Withdrawal!.By.ShouldNotBeNullOrWhiteSpace();
        detail.MayDo.ShouldBe(new DisposalActions(false, false, false, false, false, false));
        (await CaseFileAsync(file)).ProposalId.ShouldBeNull();

        // a second withdrawal is a conflict (the proposal has ended); so are assessing, approving and executing it
        before = await EventCountAsync();
        (await PostAsync("arsiparis", url, new { reason = "Sekali lagi" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostAsync("walikota", $"/api/disposals/{disposal}/reject", new { reason = "Terlambat" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostAsync("arsiparis", $"/api/disposals/{disposal}/assessments", new { assessments = new[] { new { caseFileId = file, verdict = "Agree" } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostAsync("arsiparis", $"/api/disposals/{disposal}/execute", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await EventCountAsync()).ShouldBe(before);

        var again = await ProposedAsync(file);
        (await CaseFileAsync(file)).ProposalId.ShouldBe(again);
    }

    [Fact]
    public async Task The_agency_head_rejects_with_a_reason_others_get_403_and_an_approved_proposal_can_be_neither_rejected_nor_withdrawn()
    {
        var (file, _) = await EndedAsync();
        var disposal = await ProposedAsync(file);
        var url = $"/api/disposals/{disposal}/reject";
        foreach (var user in new[] { "kabag.umum", "sekda", "arsiparis", "walikota" }) await As(user);
        var before = await EventCountAsync();
        (await PostAsync("kabag.umum", url, new { reason = "Tidak setuju" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("sekda", url, new { reason = "Tidak setuju" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("arsiparis", url, new { reason = "Tidak setuju" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("walikota", url, new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await As("arsiparis", "kab-bekasi")).PostAsJsonAsync(url, new { reason = "x" }, ArsipApp.Json)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await EventCountAsync()).ShouldBe(before);

        // during the assessment already
        (await PostAsync("walikota", url, new { reason = "Masih diperlukan untuk pemeriksaan BPK" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var detail = await DetailAsync(disposal);
        detail.Disposal.Status.ShouldBe(DisposalStatus.Rejected);
        detail.Disposal.Rejection.ShouldNotBeNull().ShouldSatisfyAllConditions(
            r => r.Reason.ShouldBe("Masih diperlukan untuk pemeriksaan BPK"), r => r.Position.ShouldNotBeNullOrWhiteSpace());
        (await CaseFileAsync(file)).ProposalId.ShouldBeNull();
        (await PostAsync("walikota", url, new { reason = "Lagi" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostAsync("walikota", $"/api/disposals/{disposal}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var approved = await ProposedAsync(file);
        await AssessAllAsync(approved, file);
        (await PostAsync("walikota", $"/api/disposals/{approved}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        before = await EventCountAsync();
        (await PostAsync("arsiparis", $"/api/disposals/{approved}/withdraw", new { reason = "Berubah pikiran" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostAsync("walikota", $"/api/disposals/{approved}/reject", new { reason = "Berubah pikiran" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await EventCountAsync()).ShouldBe(before);
        (await CaseFileAsync(file)).ProposalId.ShouldBe(approved);
    }

    [Fact]
    public async Task The_committee_and_then_the_agency_head_find_the_proposal_waiting_for_them_and_a_registrar_does_not()
    {
        var (file, _) = await EndedAsync();
        var disposal = await ProposedAsync(file);
        foreach (var member in new[] { "kabag.umum", "arsiparis", "kasubbag.tu" })
        {
            var mine = (await WaitingAsync(member)).Where(w => w.Id == disposal).ShouldHaveSingleItem();
            (mine.Kind, mine.Url, mine.Days).ShouldBe((WaitingKind.DisposalAssessment, $"/arsip/pemusnahan/{disposal}", 0));
        }
        (await WaitingAsync("walikota")).ShouldNotContain(w => w.Id == disposal);
        (await WaitingAsync("registrar")).ShouldNotContain(w => w.Id == disposal);

        await AssessAllAsync(disposal, file);
        (await WaitingAsync("kabag.umum")).ShouldNotContain(w => w.Id == disposal);
        (await WaitingAsync("walikota")).Where(w => w.Id == disposal).ShouldHaveSingleItem().Kind.ShouldBe(WaitingKind.DisposalApproval);
        (await WaitingAsync("registrar")).ShouldNotContain(w => w.Id == disposal);

        (await PostAsync("walikota", $"/api/disposals/{disposal}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await WaitingAsync("walikota")).ShouldNotContain(w => w.Id == disposal);
        (await Anonymous.GetAsync("/api/records/waiting")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
