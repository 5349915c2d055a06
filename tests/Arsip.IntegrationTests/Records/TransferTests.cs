using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Pdf;
using Arsip.Records;
using Arsip.ReferenceData;
using Marten;

namespace Arsip.IntegrationTests.Records;

/// <summary>Pemindahan through HTTP: propose, submit, the unit head's approval, the records centre's acceptance, the PDFs, every refusal.</summary>
public class TransferTests(ArsipApp app) : RecordsTest(app)
{
    private static readonly DateOnly LongAgo = new(2023, 1, 10);

    /// <summary>A closed berkas of the unit (Bagian Organisasi by default) whose active period ended: inaktif until 2030.</summary>
    private async Task<Guid> InactiveAsync(string unit = "OR", int letters = 1, DateOnly? closedOn = null, string agency = "kota-bekasi")
    {
        var ids = new List<Guid>();
        for (var i = 0; i < letters && agency == "kota-bekasi"; i++) ids.Add(await LetterAsync());
        var unitId = agency == "kota-bekasi" ? await UnitAsync(unit) : Guid.NewGuid();
        return await RecordsSeed.CaseFileAsync(App, unitId, "800.1", ids, closedOn ?? LongAgo, activeYears: 2, inactiveYears: 5, agency: agency);
    }

    private async Task<HttpResponseMessage> ProposeAsync(string user, string unit, params Guid[] files) =>
        await PostAsync(user, "/api/transfers", new { unitId = await UnitAsync(unit), caseFileIds = files });

    private async Task<Guid> ProposedAsync(string unit, params Guid[] files)
    {
        var response = await ProposeAsync("arsiparis", unit, files);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<TransferProposedResponse>(response)).Id;
    }

    private async Task<Guid> ApprovedAsync(string unit, string head, params Guid[] files)
    {
        var id = await ProposedAsync(unit, files);
        await ExpectAsync("arsiparis", $"/api/transfers/{id}/submit", HttpStatusCode.NoContent);
        await ExpectAsync(head, $"/api/transfers/{id}/approve", HttpStatusCode.NoContent);
        return id;
    }

    private async Task<string> ExpectAsync(string user, string url, HttpStatusCode status, object? body = null)
    {
        var response = await PostAsync(user, url, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return text;
    }

    private async Task<CaseFile> FileAsync(Guid id)
    {
        await using var session = App.Store.QuerySession("kota-bekasi");
        return (await session.LoadAsync<CaseFile>(id))!;
    }

    private async Task<long> VersionAsync(Guid stream)
    {
        await using var session = App.Store.QuerySession("kota-bekasi");
        return (await session.Events.FetchStreamStateAsync(stream))?.Version ?? 0;
    }

    [Fact]
    public async Task The_full_path_moves_custody_and_issues_a_berita_acara_naming_both_heads_and_exactly_the_accepted_berkas()
    {
        var first = await InactiveAsync(letters: 2);
        var second = await InactiveAsync();
        var third = await InactiveAsync();
        var id = await ProposedAsync("OR", first, second);
        (await FileAsync(first)).ProposalId.ShouldBe(id);

        // a draft changes: one more berkas in, one out
        await ExpectAsync("arsiparis", $"/api/transfers/{id}/case-files", HttpStatusCode.NoContent, new { add = new[] { third }, remove = new[] { second } });
        (await FileAsync(second)).ProposalId.ShouldBeNull();
        await ExpectAsync("kabag.or", $"/api/transfers/{id}/approve", HttpStatusCode.Conflict);
        await ExpectAsync("arsiparis", $"/api/transfers/{id}/submit", HttpStatusCode.NoContent);
        (await GetAsync<TransferDetail>("kabag.or", $"/api/transfers/{id}")).NextSteps.ShouldBe([TransferQueries.Approve, TransferQueries.Reject]);
        await ExpectAsync("kabag.or", $"/api/transfers/{id}/approve", HttpStatusCode.NoContent);
        (await GetAsync<TransferDetail>("arsiparis", $"/api/transfers/{id}")).NextSteps.ShouldBe([TransferQueries.Accept, TransferQueries.Refuse]);
        (await (await As("arsiparis")).GetAsync($"/api/transfers/{id}/berita-acara.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var accepted = await ReadAsync<TransferAcceptance>(await (await As("arsiparis")).PostAsync($"/api/transfers/{id}/accept", null));
        accepted.AlreadyAccepted.ShouldBeFalse();
        accepted.Transferred.ShouldBe(2);
        accepted.ReportNumber.ShouldEndWith("/BA-PMD/2026");

        foreach (var moved in new[] { first, third })
        {
            var file = await FileAsync(moved);
            file.Custody.ShouldBe(Custody.RecordsCentre);
            file.TransferredOn.ShouldBe(new ArsipClock(App.Clock).Today);
            file.ProposalId.ShouldBeNull();
        }
        (await FileAsync(second)).Custody.ShouldBe(Custody.Unit);
        var detail = await GetAsync<TransferDetail>("kabag.or", $"/api/transfers/{id}");
        detail.Transfer.Status.ShouldBe(TransferStatus.Accepted);
        detail.Transfer.ReceivedBy.ShouldNotBeNullOrEmpty();

        var pdf = await (await As("kabag.or")).GetByteArrayAsync($"/api/transfers/{id}/berita-acara.pdf");
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)).ShouldBe(detail.Transfer.ReportSha256);
        var text = Text(pdf);
        text.ShouldContain("BERITA ACARA PEMINDAHAN ARSIP INAKTIF");
        text.ShouldContain($"Nomor: {accepted.ReportNumber}");
        text.ShouldContain($"Pada hari ini, {IndonesianDate.InWords(new ArsipClock(App.Clock).Today)}");
        text.ShouldContain("Dewi Kartika, S.Sos., M.AP.");       // kabag.or, who approved
        text.ShouldContain("197808202003122003");
        text.ShouldContain("Drs. Agus Salim, M.Si.");           // the records centre's head
        text.ShouldContain("197003151995031002");
        text.ShouldContain("LAMPIRAN BERITA ACARA PEMINDAHAN ARSIP INAKTIF");
        foreach (var moved in new[] { first, third }) Lists(text, await FileAsync(moved)).ShouldBeTrue();
        Lists(text, await FileAsync(second)).ShouldBeFalse();
        text.ShouldContain("Laporan keuangan");

        var list = Text(await (await As("arsiparis")).GetByteArrayAsync($"/api/transfers/{id}/list.pdf"));
        list.ShouldContain("DAFTAR ARSIP YANG DIPINDAHKAN");
        Lists(list, await FileAsync(third)).ShouldBeTrue();
        Lists(list, await FileAsync(second)).ShouldBeFalse();
    }

    private static string Number(CaseFile f) => $"{f.Number}/{f.Year}";

    /// <summary>Whether the berkas is on the list, by its title ("Berkas uji 3" is not "Berkas uji 13"; its number could be a letter's agenda number too).</summary>
    private static bool Lists(string text, CaseFile f) => Regex.IsMatch(text, $@"{f.Title}(?!\d)");

    [Fact]
    public async Task Accepting_twice_changes_nothing_and_says_so()
    {
        var file = await InactiveAsync();
        var id = await ApprovedAsync("OR", "kabag.or", file);
        await ExpectAsync("arsiparis", $"/api/transfers/{id}/accept", HttpStatusCode.OK);
        var versions = (await VersionAsync(id), await VersionAsync(file));
        var again = await ReadAsync<TransferAcceptance>(await (await As("kabag.umum")).PostAsync($"/api/transfers/{id}/accept", null));
        again.AlreadyAccepted.ShouldBeTrue();
        again.Message.ShouldContain("sudah diterima");
        (await VersionAsync(id), await VersionAsync(file)).ShouldBe(versions);
    }

    [Fact]
    public async Task A_berkas_held_after_the_proposal_is_skipped_at_acceptance_with_a_note_and_left_out_of_the_berita_acara()
    {
        var kept = await InactiveAsync();
        var held = await InactiveAsync();
        var id = await ApprovedAsync("OR", "kabag.or", kept, held);
        (await PostAsync("auditor", "/api/legal-holds", new { caseFileId = held, reason = "Pemeriksaan", reference = "LHP-77/2026" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var accepted = await ReadAsync<TransferAcceptance>(await (await As("arsiparis")).PostAsync($"/api/transfers/{id}/accept", null));
        accepted.Transferred.ShouldBe(1);
        accepted.Skipped.Single().CaseFileId.ShouldBe(held);
        accepted.Skipped.Single().Reason.ShouldContain("LHP-77/2026");
        var file = await FileAsync(held);
        (file.Custody, file.ProposalId).ShouldBe((Custody.Unit, (Guid?)null));
        (await FileAsync(kept)).Custody.ShouldBe(Custody.RecordsCentre);
        var text = Text(await (await As("arsiparis")).GetByteArrayAsync($"/api/transfers/{id}/berita-acara.pdf"));
        Lists(text, await FileAsync(kept)).ShouldBeTrue();
        Lists(text, file).ShouldBeFalse();
    }

    [Fact]
    public async Task Proposing_refuses_berkas_not_yet_inactive_held_or_already_on_a_proposal_naming_each_and_writing_nothing()
    {
        var young = await InactiveAsync(closedOn: new DateOnly(2026, 1, 5));
        var notYet = await ProposeAsync("arsiparis", "OR", young);
        notYet.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await notYet.Content.ReadAsStringAsync()).ShouldContain(Number(await FileAsync(young)));

        var held = await InactiveAsync();
        (await PostAsync("auditor", "/api/legal-holds", new { caseFileId = held, reason = "Perkara", reference = "PN-1" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var heldVersion = await VersionAsync(held);
        var refused = await ProposeAsync("arsiparis", "OR", held);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("ditangguhkan");
        (await VersionAsync(held)).ShouldBe(heldVersion);

        var taken = await InactiveAsync();
        await ProposedAsync("OR", taken);
        var free = await InactiveAsync();
        var twice = await ProposeAsync("arsiparis", "OR", free, taken);
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("usulan lain");
        (await FileAsync(free)).ProposalId.ShouldBeNull();

        (await ProposeAsync("arsiparis", "Umum", await InactiveAsync())).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity); // another unit's berkas
        (await ProposeAsync("registrar", "OR", await InactiveAsync())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ProposeAsync("arsiparis", "OR")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Two_proposals_racing_for_one_berkas_leave_it_on_exactly_one_and_the_other_is_told_why()
    {
        var archivist = await As("arsiparis");
        var admin = await As("admin");
        var unit = await UnitAsync("OR");
        for (var round = 0; round < 6; round++)
        {
            var file = await InactiveAsync();
            var answers = await Task.WhenAll(
                archivist.PostAsJsonAsync("/api/transfers", new { unitId = unit, caseFileIds = new[] { file } }, ArsipApp.Json),
                admin.PostAsJsonAsync("/api/transfers", new { unitId = unit, caseFileIds = new[] { file } }, ArsipApp.Json));
            answers.Select(a => a.StatusCode).Order().ShouldBe([HttpStatusCode.Created, HttpStatusCode.Conflict]);
            await using var session = App.Store.QuerySession("kota-bekasi");
            var open = await session.Query<TransferProposal>().Where(t => t.Status == TransferStatus.Draft).ToListAsync();
            var winner = open.Single(t => t.Items.Any(i => i.CaseFileId == file));
            (await session.LoadAsync<CaseFileOnProposal>(file))!.ProposalId.ShouldBe(winner.Id);
            // the loser learns the berkas went on the other proposal, not that its request was a duplicate
            (await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync()).ShouldContain("usulan lain", Case.Sensitive, $"round {round}");
        }
    }

    [Fact]
    public async Task Another_agencys_berkas_is_not_found()
    {
        var theirs = await InactiveAsync(agency: "kab-bekasi");
        (await ProposeAsync("arsiparis", "OR", theirs)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var ours = await ProposedAsync("OR", await InactiveAsync());
        (await (await As("arsiparis", "kab-bekasi")).GetAsync($"/api/transfers/{ours}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync("arsiparis", $"/api/transfers/{Guid.NewGuid()}/submit", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_unit_head_approves_and_only_the_records_centre_accepts_others_get_403_with_nothing_written()
    {
        var file = await InactiveAsync();
        var id = await ProposedAsync("OR", file);
        await ExpectAsync("arsiparis", $"/api/transfers/{id}/submit", HttpStatusCode.NoContent);
        var version = await VersionAsync(id);
        foreach (var other in new[] { "kabag.umum", "arsiparis", "sekda", "analis" })
            await ExpectAsync(other, $"/api/transfers/{id}/approve", HttpStatusCode.Forbidden);
        await ExpectAsync("kabag.umum", $"/api/transfers/{id}/reject", HttpStatusCode.Forbidden, new { reason = "Tidak" });
        (await VersionAsync(id)).ShouldBe(version);
        await ExpectAsync("kabag.or", $"/api/transfers/{id}/approve", HttpStatusCode.NoContent);
        await ExpectAsync("kabag.or", $"/api/transfers/{id}/approve", HttpStatusCode.Conflict);
        version = await VersionAsync(id);
        foreach (var other in new[] { "kabag.or", "analis", "registrar" })
            await ExpectAsync(other, $"/api/transfers/{id}/accept", HttpStatusCode.Forbidden);
        (await VersionAsync(id)).ShouldBe(version);
        (await FileAsync(file)).Custody.ShouldBe(Custody.Unit);
    }

    [Fact]
    public async Task A_rejected_or_refused_proposal_lets_its_berkas_go_on_a_new_one()
    {
        var file = await InactiveAsync();
        var id = await ProposedAsync("OR", file);
        await ExpectAsync("arsiparis", $"/api/transfers/{id}/submit", HttpStatusCode.NoContent);
        await ExpectAsync("kabag.or", $"/api/transfers/{id}/reject", HttpStatusCode.BadRequest, new { reason = "" });
        await ExpectAsync("kabag.or", $"/api/transfers/{id}/reject", HttpStatusCode.NoContent, new { reason = "Masih dipakai untuk audit" });
        (await FileAsync(file)).ProposalId.ShouldBeNull();

        var again = await ApprovedAsync("OR", "kabag.or", file);
        await ExpectAsync("arsiparis", $"/api/transfers/{again}/refuse", HttpStatusCode.NoContent, new { reason = "Ruang simpan penuh" });
        (await GetAsync<TransferDetail>("arsiparis", $"/api/transfers/{again}")).Transfer.Status.ShouldBe(TransferStatus.Refused);
        await ExpectAsync("arsiparis", $"/api/transfers/{again}/accept", HttpStatusCode.Conflict);
        (await FileAsync(file)).ProposalId.ShouldBeNull();
        await ProposedAsync("OR", file);
    }

    [Fact]
    public async Task A_transferred_berkas_is_read_only_for_its_units_registrar_and_still_listed()
    {
        var file = await InactiveAsync(unit: "Umum");
        var id = await ApprovedAsync("Umum", "kabag.umum", file);
        await ExpectAsync("arsiparis", $"/api/transfers/{id}/accept", HttpStatusCode.OK);

        var letter = await LetterAsync();
        foreach (var (url, body) in new (string, object)[]
                 {
                     ($"/api/case-files/{file}/reopen", new { reason = "Perlu ditambah" }),
                     ($"/api/case-files/{file}/letters", new { letterIds = new[] { letter } }),
                     ($"/api/case-files/{file}/retention-trigger", new { trigger = "NoLongerInForce", occurredOn = "2026-01-01" }),
                     ($"/api/case-files/{file}/close", new { }),
                 })
            (await ExpectAsync("registrar", url, HttpStatusCode.Conflict, body)).ShouldContain("dipindahkan ke unit kearsipan");
        (await GetAsync<CaseFileDetail>("registrar", $"/api/case-files/{file}")).CaseFile.Id.ShouldBe(file);
        (await GetAsync<CaseFileDetail>("kabag.umum", $"/api/case-files/{file}")).CaseFile.Id.ShouldBe(file);
    }

    [Fact]
    public async Task The_eligible_list_offers_only_inactive_free_unheld_berkas_of_the_unit()
    {
        var unit = await UnitAsync("Hukum");
        var ok = await InactiveAsync(unit: "Hukum");
        var young = await InactiveAsync(unit: "Hukum", closedOn: new DateOnly(2026, 2, 1));
        var onProposal = await InactiveAsync(unit: "Hukum");
        await ProposedAsync("Hukum", onProposal);
        var eligible = await GetAsync<TransferCandidate[]>("arsiparis", $"/api/transfers/eligible-case-files?unitId={unit}");
        eligible.Select(e => e.Item.CaseFileId).ShouldBe([ok]);
        eligible.Single().Item.Retention.ShouldBe("2 th aktif, 5 th inaktif, Musnah");
        _ = young;
        (await (await As("analis")).GetAsync($"/api/transfers/eligible-case-files?unitId={unit}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static string Text(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"arsip-transfer-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var info = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, ArgumentList = { path, "-" } };
            using var process = Process.Start(info)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0);
            return Regex.Replace(text, @"\s+", " ");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_proposer_withdraws_a_submitted_proposal_with_a_reason_its_berkas_may_be_proposed_again_and_refusals_write_nothing()
    {
        var file = await InactiveAsync();
        var id = await ProposedAsync("OR", file);
        await ExpectAsync("arsiparis", $"/api/transfers/{id}/submit", HttpStatusCode.NoContent);
        (await GetAsync<TransferDetail>("arsiparis", $"/api/transfers/{id}")).NextSteps.ShouldContain(TransferQueries.Withdraw);
        (await GetAsync<TransferDetail>("kabag.or", $"/api/transfers/{id}")).NextSteps.ShouldNotContain(TransferQueries.Withdraw);
        var url = $"/api/transfers/{id}/withdraw";
        var version = await VersionAsync(id);
        await ExpectAsync("kabag.or", url, HttpStatusCode.Forbidden, new { reason = "Bukan pengusul" });
        await ExpectAsync("arsiparis", url, HttpStatusCode.BadRequest, new { reason = "" });
        await ExpectAsync("arsiparis", $"/api/transfers/{Guid.NewGuid()}/withdraw", HttpStatusCode.NotFound, new { reason = "Salah" });
        (await (await As("arsiparis", "kab-bekasi")).PostAsJsonAsync(url, new { reason = "Salah" }, ArsipApp.Json)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await VersionAsync(id)).ShouldBe(version);

        await ExpectAsync("arsiparis", url, HttpStatusCode.NoContent, new { reason = "Masih dipinjam unit" });
        var transfer = (await GetAsync<TransferDetail>("arsiparis", $"/api/transfers/{id}")).Transfer;
        transfer.Status.ShouldBe(TransferStatus.Withdrawn);
        transfer.Steps[^1].What.ShouldBe("Ditarik kembali");
        transfer.Steps[^1].Note.ShouldBe("Masih dipinjam unit");
        (await FileAsync(file)).ProposalId.ShouldBeNull();
        (await GetAsync<List<WaitingDecision>>("kabag.or", "/api/records/waiting")).ShouldNotContain(w => w.Id == id);
        version = await VersionAsync(id);
        await ExpectAsync("arsiparis", url, HttpStatusCode.Conflict, new { reason = "Sekali lagi" });
        await ExpectAsync("kabag.or", $"/api/transfers/{id}/approve", HttpStatusCode.Conflict);
        (await VersionAsync(id)).ShouldBe(version);

        // once the unit head approved it, the records centre decides: no withdrawal
        var approved = await ApprovedAsync("OR", "kabag.or", file);
        await ExpectAsync("arsiparis", $"/api/transfers/{approved}/withdraw", HttpStatusCode.Conflict, new { reason = "Terlambat" });
        (await FileAsync(file)).ProposalId.ShouldBe(approved);
    }

    [Fact]
    public async Task The_unit_head_and_then_the_records_centre_find_the_transfer_waiting_for_them()
    {
        var file = await InactiveAsync();
        var id = await ProposedAsync("OR", file);
        async Task<List<WaitingDecision>> WaitingAsync(string user) => await GetAsync<List<WaitingDecision>>(user, "/api/records/waiting");
        (await WaitingAsync("kabag.or")).ShouldNotContain(w => w.Id == id, "a draft waits for nobody");
        await ExpectAsync("arsiparis", $"/api/transfers/{id}/submit", HttpStatusCode.NoContent);
        var waiting = (await WaitingAsync("kabag.or")).Where(w => w.Id == id).ShouldHaveSingleItem();
        (waiting.Kind, waiting.Url, waiting.Days).ShouldBe((WaitingKind.TransferApproval, $"/arsip/pemindahan/{id}", 0));
        waiting.Title.ShouldContain("1 berkas");
        (await WaitingAsync("kabag.umum")).ShouldNotContain(w => w.Id == id);
        (await WaitingAsync("registrar")).ShouldNotContain(w => w.Id == id);

        await ExpectAsync("kabag.or", $"/api/transfers/{id}/approve", HttpStatusCode.NoContent);
        (await WaitingAsync("kabag.or")).ShouldNotContain(w => w.Id == id);
        (await WaitingAsync("kabag.umum")).Where(w => w.Id == id).ShouldHaveSingleItem().Kind.ShouldBe(WaitingKind.TransferAcceptance);
        (await WaitingAsync("walikota")).ShouldNotContain(w => w.Id == id);
    }
}
