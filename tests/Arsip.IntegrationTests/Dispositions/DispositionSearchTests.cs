using System.Net.Http.Json;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Search;

namespace Arsip.IntegrationTests.Dispositions;

/// <summary>A letter is found by what its dispositions said and what was reported back.</summary>
public class DispositionSearchTests(ArsipApp app) : DispositionTest(app)
{
    [Fact]
    public async Task Instructions_notes_and_follow_ups_are_searchable_on_their_letter()
    {
        var letter = await LetterToAsync("sekda", subject: "Permohonan narasumber");
        var slip = await IssuedAsync(await IssueAsync("sekda", letter, await Slip(["kabag.umum"])));
        (await (await As("kabag.umum")).PostAsJsonAsync($"/api/dispositions/{slip}/follow-ups", new { text = "Sudah dijadwalkan lokakarya pengarsipan digital" }))
            .EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        SearchResult result;
        do
        {
            await Task.Delay(200);
            result = (await (await As("sekda")).GetFromJsonAsync<SearchResult>("/api/search?q=lokakarya%20pengarsipan", ArsipApp.Json))!;
        } while (result.TotalHits == 0 && DateTime.UtcNow < deadline);

        result.Hits.Single().Id.ShouldBe(letter);
        result.Hits.Single().Status.ShouldBe("Didisposisikan");
    }
}
