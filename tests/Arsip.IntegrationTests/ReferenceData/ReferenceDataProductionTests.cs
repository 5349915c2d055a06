using System.Net;
using System.Net.Http.Json;
using Arsip.IntegrationTests.Hosting;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.ReferenceData;

namespace Arsip.IntegrationTests.ReferenceData;

/// <summary>The reference data endpoints run on the committed pre-generated Wolverine code.</summary>
public class ReferenceDataProductionTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Imports_and_reads_on_pregenerated_code()
    {
        await app.ResetAsync();
        var http = await app.SignInAsync("admin");
        (await http.PostCsv(ReferenceDataHttp.SampleScheme())).StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
        (await http.GetFromJsonAsync<ClassificationClassResponse>("/api/classification/000.8.3.3", ArsipApp.Json))!.Ancestors.Count.ShouldBe(3);
        (await http.PutAsJsonAsync("/api/letter-number-templates/surat-edaran", new { template = "{sequence}" }, ArsipApp.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PutAsJsonAsync("/api/letterheads/agency", new { nameLines = new[] { "PEMERINTAH KOTA BEKASI" } }, ArsipApp.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PutAsJsonAsync("/api/calendar", new { workingDays = new[] { "Monday" } }, ArsipApp.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetAsync("/api/calendar/deadline?urgency=Biasa")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
