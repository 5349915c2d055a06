using System.Net;
using System.Net.Http.Json;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.ReferenceData;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.IntegrationTests.ReferenceData;

public class LetterNumberTemplatesTests(ArsipApp app) : ReferenceDataTest(app)
{
    [Fact]
    public async Task Sets_lists_and_does_not_repeat_an_unchanged_template()
    {
        var response = await Http.PutAsJsonAsync("/api/letter-number-templates/surat-dinas",
            new { template = "{classification}/{sequence}/{unit}/{year}" }, ArsipApp.Json);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var set = await ReadAsync<LetterNumberTemplateResponse>(response);
        set.Example.ShouldBe("800.1.11.1/123/Setda/2026");
        set.SequenceScope.ShouldBe(SequenceScope.Agency);
        set.SequenceName.ShouldBe("letter:surat-dinas");

        var central = await Http.PutAsJsonAsync("/api/letter-number-templates/nota-dinas",
            new { template = "{securityPrefix}-{sequence}/{unit}/{classification}/{month}/{year}", sequenceScope = "Unit" }, ArsipApp.Json);
        (await ReadAsync<LetterNumberTemplateResponse>(central)).Example.ShouldBe("B-123/Setda/800.1.11.1/11/2026");

        var events = await EventCountAsync();
        (await Http.PutAsJsonAsync("/api/letter-number-templates/surat-dinas",
            new { template = "{classification}/{sequence}/{unit}/{year}", sequenceScope = "Agency" }, ArsipApp.Json)).EnsureSuccessStatusCode();
        (await EventCountAsync()).ShouldBe(events);

        var all = (await Http.GetFromJsonAsync<LetterNumberTemplateResponse[]>("/api/letter-number-templates", ArsipApp.Json))!;
        all.Select(t => t.Kind).ShouldBe(["nota-dinas", "surat-dinas"]);
        all[0].SequenceName.ShouldBe("letter:nota-dinas:{unitCode}");
        all[1].KindName.ShouldBe("Surat Dinas");

        await using var other = App.Store.QuerySession("kab-bekasi");
        (await other.LoadAsync<LetterNumberTemplatesView>(ReferenceDataStreams.LetterNumberTemplatesStream)).ShouldBeNull();
    }

    [Theory]
    [InlineData("surat-tugas", "{classification}/{nomor}/{year}", null, "template")]
    [InlineData("surat-tugas", "{classification}/{year}", null, "template")]
    [InlineData("surat-tugas", "{classification/{sequence}", null, "template")]
    [InlineData("surat-tugas", "{classification}/{sequence}/{year}", "Unit", "template")]
    [InlineData("surat-cinta", "{sequence}", null, "kind")]
    public async Task Rejects_bad_templates_and_unknown_kinds(string kind, string template, string? scope, string field)
    {
        var events = await EventCountAsync();
        var response = await Http.PutAsJsonAsync($"/api/letter-number-templates/{kind}", new { template, sequenceScope = scope }, ArsipApp.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadAsync<ValidationProblemDetails>(response)).Errors.Keys.ShouldContain(field);
        (await EventCountAsync()).ShouldBe(events);
    }

    private async Task<int> EventCountAsync()
    {
        await using var session = App.Store.QuerySession("kota-bekasi");
        return (await session.Events.FetchStreamAsync(ReferenceDataStreams.LetterNumberTemplatesStream)).Count;
    }
}
