using System.Net;
using System.Net.Http.Json;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Records;
using Arsip.ReferenceData;
using Marten;

namespace Arsip.IntegrationTests.Records;

/// <summary>Penilaian kembali through HTTP: an archivist opens it, the records centre's head decides each berkas.</summary>
public class ReappraisalTests(ArsipApp app) : RecordsTest(app)
{
    private async Task<Guid> EndedAsync(FinalAction action = FinalAction.DinilaiKembali, DateOnly? closedOn = null) =>
        await RecordsSeed.CaseFileAsync(App, await UnitAsync("Hukum"), "800.1", [await LetterAsync()], closedOn ?? new DateOnly(2015, 1, 10), 2, 5, action);

    private async Task<CaseFile> FileAsync(Guid id)
    {
        await using var session = App.Store.QuerySession("kota-bekasi");
        return (await session.LoadAsync<CaseFile>(id))!;
    }

    private async Task<Guid> OpenedAsync(params Guid[] files)
    {
        var response = await PostAsync("arsiparis", "/api/reappraisals", new { caseFileIds = files });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<ReappraisalOpenedResponse>(response)).Id;
    }

    [Fact]
    public async Task The_records_centre_head_decides_each_berkas_which_then_carries_the_outcome_as_its_final_action()
    {
        var destroy = await EndedAsync();
        var keep = await EndedAsync();
        (await GetAsync<ReappraisalItem[]>("arsiparis", "/api/reappraisals/eligible-case-files")).Select(i => i.CaseFileId).ShouldContain(destroy);
        var id = await OpenedAsync(destroy, keep);
        (await FileAsync(destroy)).ProposalMovement.ShouldBe(Movement.Reappraisal);
        (await GetAsync<ReappraisalDetail>("kabag.umum", $"/api/reappraisals/{id}")).MayDecide.ShouldBeTrue();
        (await GetAsync<ReappraisalDetail>("arsiparis", $"/api/reappraisals/{id}")).MayDecide.ShouldBeFalse();

        (await PostAsync("kabag.umum", $"/api/reappraisals/{id}/outcomes", new { caseFileId = destroy, outcome = "Musnah", reason = "Tidak bernilai guna lagi" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var file = await FileAsync(destroy);
        (file.ReappraisedAs, file.FinalAction, file.ProposalId).ShouldBe((FinalAction.Musnah, FinalAction.Musnah, (Guid?)null));
        (await GetAsync<ReappraisalDetail>("kabag.umum", $"/api/reappraisals/{id}")).Reappraisal.Status.ShouldBe(ReappraisalStatus.Open);

        (await PostAsync("kabag.umum", $"/api/reappraisals/{id}/outcomes", new { caseFileId = destroy, outcome = "Permanen", reason = "Berubah pikiran" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostAsync("kabag.umum", $"/api/reappraisals/{id}/outcomes", new { caseFileId = keep, outcome = "DinilaiKembali", reason = "?" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync("kabag.umum", $"/api/reappraisals/{id}/outcomes", new { caseFileId = keep, outcome = "Permanen", reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync("kabag.umum", $"/api/reappraisals/{id}/outcomes", new { caseFileId = keep, outcome = "Permanen", reason = "Bukti sejarah" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await FileAsync(keep)).FinalAction.ShouldBe(FinalAction.Permanen);
        (await GetAsync<ReappraisalDetail>("kabag.umum", $"/api/reappraisals/{id}")).Reappraisal.Status.ShouldBe(ReappraisalStatus.Completed);

        await using var session = App.Store.QuerySession("kota-bekasi");
        (await session.Events.FetchStreamAsync(destroy)).Select(e => e.Data).OfType<CaseFileReappraised>().Single().Reason.ShouldBe("Tidak bernilai guna lagi");
    }

    [Fact]
    public async Task Only_the_records_centre_head_decides_and_only_archivists_open_others_403_with_nothing_written()
    {
        var file = await EndedAsync();
        (await PostAsync("registrar", "/api/reappraisals", new { caseFileIds = new[] { file } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var id = await OpenedAsync(file);
        foreach (var other in new[] { "arsiparis", "walikota", "kabag.hukum", "admin" })
            (await PostAsync(other, $"/api/reappraisals/{id}/outcomes", new { caseFileId = file, outcome = "Musnah", reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await FileAsync(file)).ReappraisedAs.ShouldBeNull();
    }

    [Fact]
    public async Task Berkas_not_due_for_reappraisal_held_or_already_open_are_refused_naming_each()
    {
        var musnah = await EndedAsync(FinalAction.Musnah);
        (await PostAsync("arsiparis", "/api/reappraisals", new { caseFileIds = new[] { musnah } })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var young = await EndedAsync(closedOn: new DateOnly(2024, 1, 1));
        (await PostAsync("arsiparis", "/api/reappraisals", new { caseFileIds = new[] { young } })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var once = await EndedAsync();
        await OpenedAsync(once);
        var twice = await PostAsync("arsiparis", "/api/reappraisals", new { caseFileIds = new[] { once } });
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("usulan lain");
        (await PostAsync("arsiparis", "/api/reappraisals", new { caseFileIds = new[] { Guid.NewGuid() } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var later = await EndedAsync();
        var id = await OpenedAsync(later);
        (await PostAsync("auditor", "/api/legal-holds", new { caseFileId = later, reason = "Perkara", reference = "PN-9" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var held = await PostAsync("kabag.umum", $"/api/reappraisals/{id}/outcomes", new { caseFileId = later, outcome = "Musnah", reason = "x" });
        held.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await held.Content.ReadAsStringAsync()).ShouldContain("PN-9");
    }

    [Fact]
    public async Task A_reappraisal_is_withdrawn_with_a_reason_its_undecided_berkas_leave_it_and_it_no_longer_waits_for_the_head()
    {
        var decided = await EndedAsync();
        var undecided = await EndedAsync();
        var id = await OpenedAsync(decided, undecided);
        (await GetAsync<List<WaitingDecision>>("kabag.umum", "/api/records/waiting")).Where(w => w.Id == id).ShouldHaveSingleItem().Kind
            .ShouldBe(WaitingKind.ReappraisalDecision);
        (await GetAsync<List<WaitingDecision>>("arsiparis", "/api/records/waiting")).ShouldNotContain(w => w.Id == id);
        (await PostAsync("kabag.umum", $"/api/reappraisals/{id}/outcomes", new { caseFileId = decided, outcome = "Permanen", reason = "Bukti sejarah" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var url = $"/api/reappraisals/{id}/withdraw";
        (await PostAsync("kabag.umum", url, new { reason = "Bukan arsiparis" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync("arsiparis", url, new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await As("arsiparis", "kab-bekasi")).PostAsJsonAsync(url, new { reason = "x" }, ArsipApp.Json)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync<ReappraisalDetail>("arsiparis", $"/api/reappraisals/{id}")).MayWithdraw.ShouldBeTrue();
        (await PostAsync("arsiparis", url, new { reason = "Retensi akan ditinjau dalam JRA baru" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var detail = await GetAsync<ReappraisalDetail>("kabag.umum", $"/api/reappraisals/{id}");
        detail.Reappraisal.Status.ShouldBe(ReappraisalStatus.Withdrawn);
        detail.Reappraisal.Withdrawal!.Reason.ShouldBe("Retensi akan ditinjau dalam JRA baru");
        (detail.MayDecide, detail.MayWithdraw).ShouldBe((false, false));
        (await FileAsync(undecided)).ProposalId.ShouldBeNull();
        (await FileAsync(decided)).FinalAction.ShouldBe(FinalAction.Permanen);
        (await GetAsync<List<WaitingDecision>>("kabag.umum", "/api/records/waiting")).ShouldNotContain(w => w.Id == id);
        (await PostAsync("kabag.umum", $"/api/reappraisals/{id}/outcomes", new { caseFileId = undecided, outcome = "Musnah", reason = "Terlambat" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostAsync("arsiparis", url, new { reason = "Sekali lagi" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await OpenedAsync(undecided);
    }
}
