using Arsip.IntegrationTests.Infrastructure;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Arsip.IntegrationTests.ReferenceData;

internal static class ReferenceDataHttp
{
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Arsip.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Arsip.sln not found above the test folder");
    }

    public static string Samples => Path.Combine(RepositoryRoot(), "samples");

    public static byte[] SampleScheme() => File.ReadAllBytes(Path.Combine(Samples, "classification", "permendagri-83-2022.csv"));

    public static Task<HttpResponseMessage> PostCsv(this HttpClient http, string csv, string query = "") =>
        http.PostAsync("/api/classification/import" + query, new StringContent(csv, Encoding.UTF8, "text/csv"));

    public static Task<HttpResponseMessage> PostCsv(this HttpClient http, byte[] csv, string query = "")
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return http.PostAsync("/api/classification/import" + query, content);
    }

    public static Task<HttpResponseMessage> PostMultipart(this HttpClient http, byte[] file, string fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".json") ? "application/json" : "text/csv");
        form.Add(part, "file", fileName);
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return http.PostAsync("/api/classification/import", form);
    }

    public static async Task<JsonElement[]> Errors(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.Clone())];
    }
}

/// <summary>Reference data is maintained by the agency's administrator.</summary>
public abstract class ReferenceDataTest(ArsipApp app) : ArsipTest(app)
{
    protected HttpClient Http { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Http = await As("admin");
    }
}
