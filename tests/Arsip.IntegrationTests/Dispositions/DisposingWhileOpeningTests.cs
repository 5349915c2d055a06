using System.Net;
using System.Net.Http.Json;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;

namespace Arsip.IntegrationTests.Dispositions;

/// <summary>The addressee opens a letter from another agency and disposes it at once: the open records the first read on the letter's
/// stream while the disposition appends to it. Before the fix the disposition lost that race as a 409 "permintaan ganda" in about one of
/// three tries.</summary>
public class DisposingWhileOpeningTests(ArsipApp app) : DispositionTest(app)
{
    private const string There = "kab-bekasi";

    private async Task<Guid> DeliveredAsync(HttpClient sekdaThere, string subject)
    {
        var draft = new
        {
            kind = "SuratDinas", classification = "000.5", securityLevel = "Biasa", urgency = "Segera", subject,
            body = "Mohon data arsip inaktif yang siap dipindahkan.", attachments = "-",
            addressees = new[] { new { name = "Sekretaris Daerah", agency = There } }, copyTo = Array.Empty<object>(), reviewers = Array.Empty<Guid>(),
            signatoryPositionId = await PositionOf("sekda"),
        };
        var created = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", draft);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await ReadAsync<DraftOutgoingLetterResponse>(created)).Id;
        (await PostAsync("analis", $"/api/outgoing-letters/{id}/submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("sekda", $"/api/outgoing-letters/{id}/sign")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync("analis", $"/api/outgoing-letters/{id}/dispatch")).StatusCode.ShouldBe(HttpStatusCode.OK);
        for (var wait = 0; wait < 300; wait++)
        {
            var arrived = (await sekdaThere.GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters?pageSize=200", ArsipApp.Json))!.Items.SingleOrDefault(l => l.Subject == subject);
            if (arrived is not null) return arrived.Id;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{subject} did not arrive at {There}");
    }

    [Fact]
    public async Task Opening_a_delivered_letter_while_disposing_it_never_refuses_the_disposition_and_records_both_once()
    {
        var sekdaThere = await As("sekda", There);
        var kabag = (await (await As("admin", There)).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!
            .Positions.Single(p => p.Title == "Kepala Bagian Umum").Id;
        for (var i = 0; i < 10; i++)
        {
            var letter = await DeliveredAsync(sekdaThere, $"Permintaan data arsip inaktif {i} {Guid.NewGuid():N}"[..48]);
            var open = sekdaThere.GetAsync($"/api/incoming-letters/{letter}");
            var dispose = sekdaThere.PostAsJsonAsync($"/api/letters/{letter}/dispositions",
                new { recipients = new[] { new { positionId = kabag } }, instructions = new[] { "TINDAK_LANJUTI" } });
            var (opened, disposed) = (await open, await dispose);
            opened.StatusCode.ShouldBe(HttpStatusCode.OK);
            disposed.StatusCode.ShouldBe(HttpStatusCode.Created, $"try {i}: {await disposed.Content.ReadAsStringAsync()}");

            (await TreeAsync("sekda", letter, sekdaThere)).Dispositions.Count.ShouldBe(1);
            var history = await EventuallyAsync(async () =>
            {
                var entries = (await sekdaThere.GetFromJsonAsync<List<HistoryEntry>>($"/api/letters/{letter}/history", ArsipApp.Json))!;
                return entries.Any(h => h.Type.Contains("first_read")) ? entries : null;
            });
            history.Count(h => h.Type.Contains("disposed")).ShouldBe(1);
            history.Count(h => h.Type.Contains("first_read")).ShouldBe(1);
        }
    }

    [Fact]
    public async Task A_resent_disposition_with_the_clients_id_is_refused_as_a_duplicate_and_nothing_is_written_twice()
    {
        var letter = await LetterToAsync("sekda");
        var id = Guid.CreateVersion7();
        var slip = await Slip(["kabag.umum"], id: id);
        (await IssuedAsync(await IssueAsync("sekda", letter, slip))).ShouldBe(id);
        await ShouldBeProblem(await IssueAsync("sekda", letter, slip), HttpStatusCode.Conflict, "permintaan ganda");
        (await TreeAsync("sekda", letter)).Dispositions.Count.ShouldBe(1);
        (await (await As("sekda")).GetFromJsonAsync<List<HistoryEntry>>($"/api/letters/{letter}/history", ArsipApp.Json))!
            .Count(h => h.Type.Contains("disposed")).ShouldBe(1);
    }

    private static async Task<DispositionTree> TreeAsync(string _, Guid letter, HttpClient client) =>
        (await client.GetFromJsonAsync<DispositionTree>($"/api/letters/{letter}/dispositions", ArsipApp.Json))!;

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        for (var i = 0; i < 300; i++)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException("the first read was not recorded");
    }
}
