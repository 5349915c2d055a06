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
        var id = (await ReadAsync<IncomingLetterRegisteredResponse>(await registrar.PostAsJsonAsync("/api/incoming-letters",
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
}
