using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Correspondence;
using Arsip.IntegrationTests.Infrastructure;

namespace Arsip.IntegrationTests.Audit;

public class AsOfTests(ArsipApp app) : ArsipTest(app)
{
    [Fact]
    public async Task A_letter_is_rebuilt_as_it_was_at_a_version_or_a_moment()
    {
        var registrar = await As("registrar");
        var id = (await ReadAsync<RegisterIncomingLetterResponse>(await registrar.PostAsJsonAsync("/api/incoming-letters",
            RegisteringIncomingLettersTests.Letter("ASOF/1", subject: "Subjek semula")))).Id;
        var between = App.Clock.GetUtcNow().AddMinutes(30);
        App.Clock.Advance(TimeSpan.FromHours(1));
        (await registrar.PutAsJsonAsync($"/api/incoming-letters/{id}", new { changes = new { subject = "Subjek dikoreksi" }, reason = "Salah ketik" })).EnsureSuccessStatusCode();

        var auditor = await As("auditor");
        async Task<string> SubjectAsync(string query)
        {
            var state = await auditor.GetFromJsonAsync<LetterState>($"/api/letters/{id}{query}", ArsipApp.Json);
            return ((JsonElement)state!.State).GetProperty("subject").GetString()!;
        }

        (await SubjectAsync("")).ShouldBe("Subjek dikoreksi");
        (await SubjectAsync("?version=1")).ShouldBe("Subjek semula");
        (await SubjectAsync($"?asOf={Uri.EscapeDataString(between.ToString("O"))}")).ShouldBe("Subjek semula");
        (await SubjectAsync($"?asOf={Uri.EscapeDataString(App.Clock.GetUtcNow().AddMinutes(1).ToString("O"))}")).ShouldBe("Subjek dikoreksi");
        (await auditor.GetAsync($"/api/letters/{id}?asOf=2020-01-01T00:00:00Z")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await auditor.GetAsync($"/api/letters/{id}?version=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await As("kadinkes")).GetAsync($"/api/letters/{id}?version=1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_outgoing_letter_is_rebuilt_through_its_own_view()
    {
        var chart = (await (await As("admin")).GetFromJsonAsync<Arsip.Organization.OrganizationChart>("/api/organization", ArsipApp.Json))!;
        Guid Position(string title) => chart.Positions.Single(p => p.Title == title).Id;
        var drafted = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind = "SuratDinas", classification = "000.5", securityLevel = "Biasa", urgency = "Segera", subject = "Undangan rapat kearsipan",
            body = "Dengan hormat kami mengundang Saudara.", attachments = "-",
            addressees = new[] { new { name = "Kepala Dinas Kesehatan", positionId = Position("Kepala Dinas Kesehatan") } },
            copyTo = Array.Empty<object>(), reviewers = new[] { Position("Kepala Bagian Organisasi") }, signatoryPositionId = Position("Sekretaris Daerah"),
        });
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var id = (await ReadAsync<DraftOutgoingLetterResponse>(drafted)).Id;
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        (await (await As("analis")).PostAsJsonAsync($"/api/outgoing-letters/{id}/submit", new { })).IsSuccessStatusCode.ShouldBeTrue();

        var auditor = await As("auditor");
        var first = (await auditor.GetFromJsonAsync<LetterState>($"/api/letters/{id}?version=1", ArsipApp.Json))!;
        first.Direction.ShouldBe("outgoing");
        ((JsonElement)first.State).GetProperty("status").GetString().ShouldBe("Draft");
        ((JsonElement)(await auditor.GetFromJsonAsync<LetterState>($"/api/letters/{id}", ArsipApp.Json))!.State).GetProperty("status").GetString().ShouldBe("InReview");
        first.Dispositions.ShouldBeEmpty();
    }
}
