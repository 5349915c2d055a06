using System.Net;
using System.Net.Http.Json;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Arsip.IntegrationTests.Hosting;

public class HostingTests(ArsipApp app) : ArsipTest(app)
{
    [Fact]
    public async Task Serves_the_OpenAPI_document_and_its_reference_page()
    {
        var document = await Anonymous.GetStringAsync("/api/openapi.json");
        document.ShouldContain("/api/incoming-letters");
        document.ShouldContain("/api/letters/{id}/history");
        (await Anonymous.GetAsync("/api/docs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>A host of its own, since its database goes away for a moment.</summary>
public class HealthTests(IsolatedApp app) : IClassFixture<IsolatedApp>
{
    [Fact]
    public async Task Health_checks_the_database()
    {
        (await HealthAsync()).ShouldBe((HttpStatusCode.OK, "Healthy"));

        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        await using var server = new NpgsqlConnection(await TestDatabase.ServerSuperuserAsync());
        await server.OpenAsync();
        async Task AllowConnectionsAsync(bool allow) =>
            await new NpgsqlCommand($"alter database {database} allow_connections {allow}", server).ExecuteNonQueryAsync();
        await AllowConnectionsAsync(false);
        await new NpgsqlCommand($"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{database}'", server).ExecuteNonQueryAsync();
        try
        {
            (await HealthAsync()).ShouldBe((HttpStatusCode.ServiceUnavailable, "Unhealthy"), "the database is unreachable");
        }
        finally
        {
            await AllowConnectionsAsync(true);
        }

        // Pooled connections the outage broke fail one request each before the pool drops them.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var health = await HealthAsync();
        while (health.Status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            health = await HealthAsync();
        }
        health.ShouldBe((HttpStatusCode.OK, "Healthy"), "healthy again once the database answers");
    }

    private async Task<(HttpStatusCode Status, string Body)> HealthAsync()
    {
        var response = await app.CreateClient().GetAsync("/health");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Production boots on the committed pre-generated Wolverine code (TypeLoadMode.Static).</summary>
public sealed class ProductionApp : ArsipApp
{
    protected override string Environment => "Production";
}

public class ProductionModeTests : IClassFixture<ProductionApp>
{
    private readonly ProductionApp _app;
    public ProductionModeTests(ProductionApp app) => _app = app;

    [Fact]
    public async Task Boots_on_pregenerated_code_and_serves_the_slice()
    {
        await _app.ResetAsync();
        var http = await _app.SignInAsync("registrar");
        var created = await http.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter("PROD/1"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await http.GetAsync(created.Headers.Location)).StatusCode.ShouldBe(HttpStatusCode.OK);
        _app.Services.GetRequiredService<Wolverine.WolverineOptions>().CodeGeneration.TypeLoadMode
            .ShouldBe(JasperFx.CodeGeneration.TypeLoadMode.Static);
    }
}


public class AsyncProjectionTests(IsolatedApp app) : IClassFixture<IsolatedApp>
{
    private readonly IsolatedApp _app = app;

    [Fact]
    public async Task Async_projection_runs_under_Wolverine_managed_distribution()
    {
        await _app.ResetAsync();
        var registrar = await _app.SignInAsync("registrar");
        var auditor = await _app.SignInAsync("auditor");
        for (var i = 1; i <= 3; i++)
            (await registrar.PostAsJsonAsync("/api/incoming-letters",
                RegisteringIncomingLettersTests.Letter($"P/{i}", securityLevel: i == 3 ? "Rahasia" : "Biasa"))).EnsureSuccessStatusCode();

        // Nothing writes the summary inline: it appears only when the daemon Wolverine runs has caught up.
        AgendaYearSummary? year = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (year?.Registered != 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            var summary = await auditor.GetFromJsonAsync<List<AgendaYearSummary>>("/api/incoming-letters/summary", ArsipApp.Json);
            year = summary!.SingleOrDefault(s => s.Year == 2026);
        }
        year.ShouldNotBeNull();
        year.Registered.ShouldBe(3);
        year.Secret.ShouldBe(1);
    }
}
