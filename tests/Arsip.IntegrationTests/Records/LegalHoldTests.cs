using System.Net;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Records;
using Marten;

namespace Arsip.IntegrationTests.Records;

/// <summary>Placing, releasing and listing holds through HTTP, and what they cover, evaluated when asked.</summary>
public class LegalHoldTests(ArsipApp app) : RecordsTest(app)
{
    private async Task<Guid> PlacedAsync(string user, object body)
    {
        var response = await PostAsync(user, "/api/legal-holds", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<LegalHoldPlacedResponse>(response)).Id;
    }

    private async Task<IReadOnlyList<Guid>> CoveringAsync(Guid letter)
    {
        await using var session = App.Store.QuerySession("kota-bekasi");
        return (await LegalHolds.CoveringAsync(session, [letter], default))[letter].Select(h => h.Id).ToList();
    }

    private async Task<(int Holds, long LetterVersion)> WrittenAsync(Guid letter)
    {
        await using var session = App.Store.QuerySession("kota-bekasi");
        return (await session.Query<LegalHold>().CountAsync(), (await session.Events.FetchStreamStateAsync(letter))!.Version);
    }

    [Fact]
    public async Task A_hold_without_a_reason_is_refused_and_nothing_is_written()
    {
        var letter = await LetterAsync();
        var before = await WrittenAsync(letter);
        var response = await PostAsync("arsiparis", "/api/legal-holds", new { letterId = letter, reason = " ", reference = "LHP BPK 12/2026" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Alasan penangguhan wajib diisi");
        (await WrittenAsync(letter)).ShouldBe(before);
    }

    [Fact]
    public async Task Only_archivists_auditors_and_administrators_place_holds()
    {
        var letter = await LetterAsync();
        var before = await WrittenAsync(letter);
        (await PostAsync("registrar", "/api/legal-holds", new { letterId = letter, reason = "Audit", reference = "ST-1" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await WrittenAsync(letter)).ShouldBe(before);
        (await PostAsync("arsiparis", "/api/legal-holds", new { letterId = Guid.NewGuid(), reason = "Audit", reference = "ST-1" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync("auditor", "/api/legal-holds", new { caseFileId = Guid.NewGuid(), reason = "Audit", reference = "ST-1" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_hold_on_a_letter_is_in_its_history_and_a_release_by_a_registrar_is_forbidden_with_nothing_written()
    {
        var letter = await LetterAsync();
        var hold = await PlacedAsync("auditor", new { letterId = letter, reason = "Pemeriksaan BPK", reference = "LHP 12/2026" });
        (await CoveringAsync(letter)).ShouldBe([hold]);
        (await GetAsync<LegalHoldSummary[]>("registrar", $"/api/letters/{letter}/holds")).Single().Id.ShouldBe(hold);

        var before = await WrittenAsync(letter);
        var refused = await PostAsync("registrar", $"/api/legal-holds/{hold}/release", new { reason = "Selesai" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await WrittenAsync(letter)).ShouldBe(before);
        (await GetAsync<LegalHoldSummary>("auditor", $"/api/legal-holds/{hold}")).Active.ShouldBeTrue();

        (await PostAsync("arsiparis", $"/api/legal-holds/{hold}/release", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync("arsiparis", $"/api/legal-holds/{hold}/release", new { reason = "Pemeriksaan selesai" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("arsiparis", $"/api/legal-holds/{hold}/release", new { reason = "Pemeriksaan selesai" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CoveringAsync(letter)).ShouldBeEmpty();

        await using var session = App.Store.QuerySession("kota-bekasi");
        var events = (await session.Events.FetchStreamAsync(letter)).Select(e => e.Data).ToList();
        events.OfType<RecordHeld>().Single().HoldId.ShouldBe(hold);
        events.OfType<RecordHoldReleased>().Single().Reason.ShouldBe("Pemeriksaan selesai");
    }

    [Fact]
    public async Task A_hold_on_a_berkas_covers_a_letter_filed_after_it_was_placed()
    {
        var unit = await UnitAsync("Umum");
        var first = await LetterAsync();
        var file = await RecordsSeed.CaseFileAsync(App, unit, "800.1", [first]);
        var hold = await PlacedAsync("arsiparis", new { caseFileId = file, reason = "Gugatan PTUN", reference = "Perkara 7/G/2026/PTUN.BDG" });
        var later = await LetterAsync();
        var elsewhere = await LetterAsync();
        (await CoveringAsync(later)).ShouldBeEmpty();

        await RecordsSeed.FileAsync(App, file, [later]);
        (await CoveringAsync(later)).ShouldBe([hold]);
        (await CoveringAsync(first)).ShouldBe([hold]);
        (await CoveringAsync(elsewhere)).ShouldBeEmpty();
        await using var session = App.Store.QuerySession("kota-bekasi");
        (await LegalHolds.CaseFileHeldAsync(session, file, default)).Select(h => h.Id).ShouldBe([hold]);
        (await GetAsync<LegalHoldSummary>("auditor", $"/api/legal-holds/{hold}")).CoveredLetters.ShouldBe(2);
        (await session.Events.FetchStreamAsync(file)).Select(e => e.Data).OfType<RecordHeld>().Single().HoldId.ShouldBe(hold);
    }

    [Fact]
    public async Task A_hold_on_a_letter_in_a_berkas_holds_the_berkas()
    {
        var letter = await LetterAsync();
        var file = await RecordsSeed.CaseFileAsync(App, await UnitAsync("Umum"), "800.1", [await LetterAsync(), letter]);
        await using var session = App.Store.QuerySession("kota-bekasi");
        (await LegalHolds.CaseFileHeldAsync(session, file, default)).ShouldBeEmpty();
        var hold = await PlacedAsync("admin", new { letterId = letter, reason = "Audit", reference = "ST-2" });
        (await LegalHolds.CaseFileHeldAsync(session, file, default)).Select(h => h.Id).ShouldBe([hold]);
    }

    [Fact]
    public async Task A_query_hold_covers_a_letter_registered_later_and_released_holds_cover_nothing()
    {
        var sender = $"Pengadilan Negeri {Guid.NewGuid():N}"[..40];
        var before = await LetterAsync(sender: sender, classification: "800.1");
        var hold = await PlacedAsync("auditor", new
        {
            query = new { classificationPrefix = "800", sender = sender.ToUpperInvariant() }, reason = "Sengketa kepegawaian", reference = "Perkara 12/Pdt.G/2026",
        });
        var later = await LetterAsync(sender: sender, classification: "800.1");
        var otherClass = await LetterAsync(sender: sender, classification: "005.1");
        var otherSender = await LetterAsync(classification: "800.1");

        (await CoveringAsync(before)).ShouldBe([hold]);
        (await CoveringAsync(later)).ShouldBe([hold]);
        (await CoveringAsync(otherClass)).ShouldBeEmpty();
        (await CoveringAsync(otherSender)).ShouldBeEmpty();
        var listed = (await GetAsync<LegalHoldSummary[]>("auditor", "/api/legal-holds")).Single(h => h.Id == hold);
        listed.CoveredLetters.ShouldBe(2);
        listed.Query.ShouldNotBeNull().ClassificationPrefix.ShouldBe("800");

        (await PostAsync("auditor", $"/api/legal-holds/{hold}/release", new { reason = "Perkara dicabut" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await CoveringAsync(before)).ShouldBeEmpty();
        (await CoveringAsync(await LetterAsync(sender: sender, classification: "800.1"))).ShouldBeEmpty();
        var released = (await GetAsync<LegalHoldSummary[]>("auditor", "/api/legal-holds")).Single(h => h.Id == hold);
        (released.Active, released.CoveredLetters, released.ReleaseReason).ShouldBe((false, 0, "Perkara dicabut"));
    }

    [Fact]
    public async Task A_query_hold_by_unit_covers_letters_of_the_unit_and_in_its_berkas()
    {
        var hukum = await UnitAsync("Hukum");
        var letter = await LetterAsync(classification: "180.1"); // registered by Umum
        var hold = await PlacedAsync("admin", new { query = new { unitId = hukum }, reason = "Inspeksi", reference = "ST-3" });
        (await CoveringAsync(letter)).ShouldNotContain(hold);
        (await GetAsync<LegalHoldSummary>("admin", $"/api/legal-holds/{hold}")).CoveredLetters.ShouldBe(0);
        await RecordsSeed.CaseFileAsync(App, hukum, "180.1", [letter]);
        (await CoveringAsync(letter)).ShouldContain(hold);
        (await GetAsync<LegalHoldSummary>("admin", $"/api/legal-holds/{hold}")).CoveredLetters.ShouldBe(1);
        (await PostAsync("admin", "/api/legal-holds", new { query = new { unitId = Guid.NewGuid() }, reason = "x", reference = "y" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Placing_again_with_the_same_id_answers_the_same_hold_and_different_content_conflicts()
    {
        var letter = await LetterAsync();
        var id = Guid.CreateVersion7();
        var body = new { id, letterId = letter, reason = "Audit", reference = "ST-4" };
        (await PlacedAsync("arsiparis", body)).ShouldBe(id);
        var again = await PostAsync("arsiparis", "/api/legal-holds", body);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadAsync<LegalHoldPlacedResponse>(again)).Id.ShouldBe(id);
        (await PostAsync("arsiparis", "/api/legal-holds", body with { reference = "ST-5" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await using var session = App.Store.QuerySession("kota-bekasi");
        (await session.Events.FetchStreamAsync(letter)).Select(e => e.Data).OfType<RecordHeld>().Count().ShouldBe(1);
    }

    [Fact]
    public async Task Holds_are_listed_for_the_hold_roles_only()
    {
        (await (await As("registrar")).GetAsync("/api/legal-holds")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("sekda")).GetAsync("/api/legal-holds")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("arsiparis")).GetAsync("/api/legal-holds")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_letter_never_filed_has_no_filing_document()
    {
        var letter = await LetterAsync();
        await PlacedAsync("auditor", new { letterId = letter, reason = "Audit", reference = "ST-6" });
        await using var session = App.Store.QuerySession("kota-bekasi");
        (await session.LoadAsync<LetterFiling>(letter)).ShouldBeNull();
    }
}
