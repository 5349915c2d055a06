using System.Net;
using System.Net.Http.Json;
using Arsip.Correspondence;
using Arsip.Exchange;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using JasperFx;
using Marten;

namespace Arsip.IntegrationTests.Exchange;

/// <summary>#20: an administrator's cancel against a send in flight, on the real database: the state's version decides who saw whom.</summary>
public class EnvelopeRaceTests(ArsipApp app) : ArsipTest(app)
{
    [Fact]
    public async Task A_send_that_loaded_before_a_cancel_cannot_overwrite_it_and_a_receipt_that_lands_after_it_wins_and_says_the_cancel_came_too_late()
    {
        var analis = await As("analis");
        var signatory = (await analis.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!.Positions.Single(p => p.Title == "Sekretaris Daerah").Id;
        var drafted = await analis.PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind = "SuratDinas", classification = "000.5", securityLevel = "Biasa", urgency = "Biasa", subject = "Undangan Rapat yang Dibatalkan di Tengah Jalan",
            body = "Bersama ini kami mengundang Saudara pada rapat koordinasi.", attachments = (string?)null,
            addressees = new[] { new { name = "Sekretaris Daerah", agency = "kab-garut" } }, copyTo = Array.Empty<object>(), reviewers = Array.Empty<Guid>(),
            signatoryPositionId = signatory,
        });
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var letterId = (await drafted.Content.ReadFromJsonAsync<DraftOutgoingLetterResponse>(ArsipApp.Json))!.Id;
        var envelopeId = Guid.CreateVersion7();
        var letter = new DeliverLetter(envelopeId, "kota-bekasi", letterId, "Sekretariat Daerah (kota-bekasi)", "000.5/9/Setda/2026", new DateOnly(2026, 12, 1),
            "Undangan Rapat yang Dibatalkan di Tengah Jalan", "000.5", SecurityLevel.Biasa, Urgency.Biasa, null, "Sekretaris Daerah", false, []);
        await using (var seed = App.Store.LightweightSession("kota-bekasi"))
        {
            seed.Store(new EnvelopeState
            {
                Id = envelopeId, LetterId = letterId, LetterNumber = letter.LetterNumber, ToAgency = "kab-garut", PeerId = "arsip-garut", Status = EnvelopeStatus.Retrying,
                Generation = 2, Attempts = 2, QueuedAt = DateTimeOffset.UtcNow, Message = new DeliverLetterToPeer(letter, "kab-garut", 2),
            });
            await seed.SaveChangesAsync();
        }

        // two attempts load the state before the administrator's cancel commits
        await using var failing = App.Store.LightweightSession("kota-bekasi");
        var failed = (await failing.LoadAsync<EnvelopeState>(envelopeId))!;
        await using var delivering = App.Store.LightweightSession("kota-bekasi");
        var delivered = (await delivering.LoadAsync<EnvelopeState>(envelopeId))!;
        var admin = await As("admin");
        (await admin.PostAsync($"/api/exchange/outbox/{envelopeId}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // the one whose peer did not answer cannot write "retrying" over the cancel (its handler retries, finds it cancelled, stops)
        (failed.Status, failed.Generation, failed.Attempts) = (EnvelopeStatus.Retrying, 3, 3);
        failing.Store(failed);
        await Should.ThrowAsync<ConcurrencyException>(() => failing.SaveChangesAsync());

        // the one whose peer registered the letter: received wins, and says the cancel came too late
        (delivered.Status, delivered.ReceivedAt, delivered.AgendaNumber, delivered.Attempts) = (EnvelopeStatus.Received, DateTimeOffset.UtcNow, 7, 3);
        delivering.Store(delivered);
        await EnvelopeRace.CommitReceivedAsync(delivering, App.Store, delivered, DateTimeOffset.UtcNow, default);

        await using (var check = App.Store.QuerySession("kota-bekasi"))
        {
            var state = (await check.LoadAsync<EnvelopeState>(envelopeId))!;
            (state.Status, state.AgendaNumber).ShouldBe((EnvelopeStatus.Received, 7));
            state.Reason.ShouldNotBeNull().ShouldContain("terlambat");
            var view = (await check.LoadAsync<OutgoingLetterView>(letterId))!;
            view.Receipts.Single().AgendaNumber.ShouldBe(7);
            view.Refusals.Single().Reason.ShouldContain("Dibatalkan");
        }
        // and the administrator's cancel now is refused, saying why
        var again = await admin.PostAsync($"/api/exchange/outbox/{envelopeId}/cancel", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("sudah diterima kab-garut dengan nomor agenda 7");
    }
}
