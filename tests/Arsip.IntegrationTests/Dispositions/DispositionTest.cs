using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Arsip.IntegrationTests.Dispositions;

/// <summary>Helpers for the disposition tests: demo positions by key, letters, issuing and reading through HTTP.</summary>
public abstract class DispositionTest(ArsipApp app) : ArsipTest(app)
{
    private OrganizationChart? _chart;
    private static int _letters;

    protected async Task<OrganizationChart> ChartAsync() =>
        _chart ??= (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;

    /// <summary>The position held by a demo user.</summary>
    protected async Task<Guid> PositionOf(string userName) => (await ChartAsync()).People.Single(p => p.UserName == userName).PositionId!.Value;

    protected async Task<Guid> PersonId(string userName) => (await ChartAsync()).People.Single(p => p.UserName == userName).Id;

    protected DateTimeOffset Now => App.Clock.GetUtcNow();

    protected async Task<Guid> LetterToAsync(string addresseeUser, string securityLevel = "Biasa", string urgency = "Segera", string subject = "Permohonan data kepegawaian")
    {
        var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
        var body = new JsonObject
        {
            ["sender"] = "Badan Kepegawaian Negara", ["senderLetterNumber"] = $"DISP/{Interlocked.Increment(ref _letters)}/{Guid.NewGuid():N}"[..30],
            ["letterDate"] = today.ToString("yyyy-MM-dd"), ["receivedOn"] = today.ToString("yyyy-MM-dd"), ["subject"] = subject,
            ["classification"] = "800.1", ["securityLevel"] = securityLevel, ["urgency"] = urgency,
            ["addresseePositionId"] = (await PositionOf(addresseeUser)).ToString(),
        };
        var response = await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<RegisterIncomingLetterResponse>(response)).Id;
    }

    protected async Task<object> Slip(string[] recipients, string? lead = null, string[]? instructions = null, DateTimeOffset? deadline = null, Guid? id = null, Guid? asPosition = null)
    {
        var list = new List<object>();
        foreach (var r in recipients) list.Add(new { positionId = await PositionOf(r), lead = r == lead });
        return new { id, asPositionId = asPosition, recipients = list, instructions = instructions ?? ["TINDAK_LANJUTI"], note = "Segera ditindaklanjuti", deadline };
    }

    protected async Task<HttpResponseMessage> IssueAsync(string issuer, Guid letter, object slip) =>
        await (await As(issuer)).PostAsJsonAsync($"/api/letters/{letter}/dispositions", slip, ArsipApp.Json);

    protected async Task<HttpResponseMessage> ForwardAsync(string issuer, Guid parent, object slip) =>
        await (await As(issuer)).PostAsJsonAsync($"/api/dispositions/{parent}/dispositions", slip, ArsipApp.Json);

    protected async Task<Guid> IssuedAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<IssueDispositionResponse>(response)).Id;
    }

    protected async Task<Guid> DisposeAsync(string issuer, Guid letter, string[] recipients, string? lead = null, DateTimeOffset? deadline = null) =>
        await IssuedAsync(await IssueAsync(issuer, letter, await Slip(recipients, lead, deadline: deadline)));

    protected async Task<DispositionDetail> DetailAsync(string user, Guid disposition)
    {
        var response = await (await As(user)).GetAsync($"/api/dispositions/{disposition}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ReadAsync<DispositionDetail>(response);
    }

    protected async Task<HttpResponseMessage> PostAsync(string user, string url, object? body = null) =>
        await (await As(user)).PostAsJsonAsync(url, body ?? new { }, ArsipApp.Json);

    protected async Task<DispositionTree> TreeAsync(string user, Guid letter) =>
        (await (await As(user)).GetFromJsonAsync<DispositionTree>($"/api/letters/{letter}/dispositions", ArsipApp.Json))!;

    protected async Task InvokeAsync(object message)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(message);
    }

    protected static async Task ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status, string? text = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        if (text is not null) body.ShouldContain(text, Case.Insensitive);
    }
}
