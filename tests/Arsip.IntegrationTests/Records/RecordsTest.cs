using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;

namespace Arsip.IntegrationTests.Records;

/// <summary>Helpers for the records tests: demo units, letters registered through the API.</summary>
public abstract class RecordsTest(ArsipApp app) : ArsipTest(app)
{
    private OrganizationChart? _chart;
    private static int _letters;

    protected async Task<Guid> UnitAsync(string code) =>
        (_chart ??= (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!).Units.Single(u => u.Code == code).Id;

    protected async Task<Guid> LetterAsync(string sender = "Badan Kepegawaian Negara", string classification = "800.1", string securityLevel = "Biasa")
    {
        var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
        var body = new JsonObject
        {
            ["sender"] = sender, ["senderLetterNumber"] = $"REC/{Interlocked.Increment(ref _letters)}/{Guid.NewGuid():N}"[..30],
            ["letterDate"] = today.ToString("yyyy-MM-dd"), ["receivedOn"] = today.ToString("yyyy-MM-dd"), ["subject"] = "Laporan keuangan",
            ["classification"] = classification, ["securityLevel"] = securityLevel, ["urgency"] = "Biasa",
        };
        var response = await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<RegisterIncomingLetterResponse>(response)).Id;
    }

    protected async Task<HttpResponseMessage> PostAsync(string user, string url, object body) =>
        await (await As(user)).PostAsJsonAsync(url, body, ArsipApp.Json);

    protected async Task<T> GetAsync<T>(string user, string url)
    {
        var response = await (await As(user)).GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ReadAsync<T>(response);
    }
}
