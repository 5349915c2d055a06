using Arsip.Kernel;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.ReferenceData;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.IntegrationTests.ReferenceData;

public class ImportingTheClassificationSchemeTests(ArsipApp app) : ReferenceDataTest(app)
{
    private async Task<int> ImportSampleAsync()
    {
        var response = await Http.PostCsv(ReferenceDataHttp.SampleScheme());
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
        return (await ReadAsync<ClassificationImportResponse>(response)).Version;
    }

    [Fact]
    public async Task Imports_the_sample_scheme_reads_it_back_and_does_not_repeat_an_unchanged_import()
    {
        var version = await ImportSampleAsync();

        var scheme = await Http.GetFromJsonAsync<ClassificationSchemeResponse>("/api/classification", ArsipApp.Json);
        scheme!.Version.ShouldBe(version);
        scheme.ImportedBy.ShouldNotBeNullOrWhiteSpace();
        scheme.Classes.Where(c => c.Parent is null).Select(c => c.Name).ShouldContain("Kepegawaian");
        scheme.Classes.Single(c => c.Code == "000.9").Name.ShouldBe("Penelitian, Pengkajian dan Pengembangan");

        var spd = await Http.GetFromJsonAsync<ClassificationClassResponse>("/api/classification/800.1.11.1", ArsipApp.Json);
        spd!.Class.Name.ShouldBe("Surat Perintah Dinas");
        spd.Ancestors.Select(a => a.Code).ShouldBe(["800", "800.1", "800.1.11"]);
        var kearsipan = await Http.GetFromJsonAsync<ClassificationClassResponse>("/api/classification/000.5", ArsipApp.Json);
        kearsipan!.Children.Select(c => c.Code).ShouldContain("000.5.4");

        var again = await Http.PostCsv(ReferenceDataHttp.SampleScheme());
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var unchanged = await ReadAsync<ClassificationImportResponse>(again);
        (unchanged.Version, unchanged.Changed).ShouldBe((version, false));
        var multipart = await Http.PostMultipart(ReferenceDataHttp.SampleScheme(), "permendagri-83-2022.csv");
        (await ReadAsync<ClassificationImportResponse>(multipart)).Changed.ShouldBeFalse();
        (await Http.GetFromJsonAsync<ClassificationVersionEntry[]>("/api/classification/versions", ArsipApp.Json))!.Length.ShouldBe(version);
    }

    [Fact]
    public async Task A_bad_file_is_rejected_whole_with_line_numbers_and_nothing_is_written()
    {
        var before = await ImportSampleAsync();
        var csv = """
            code;name;parent;activeRetentionYears;inactiveRetentionYears;finalAction;defaultSecurityLevel
            000;Umum;;2;3;Musnah;
            000.1;Ketatausahaan;;2;3;Musnah;
            00.2;Perlengkapan;;2;3;Musnah;
            000.1;Ganda;;2;3;Musnah;
            000.3.1;Tanpa induk;;-1;3;Hancurkan;
            """;

        var response = await Http.PostCsv(csv, "?allowShortening=true&reason=uji");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = await ReferenceDataHttp.Errors(response);
        errors.Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString()))
            .ShouldBe([(4, "code"), (5, "code"), (6, "activeRetentionYears"), (6, "finalAction"), (6, "parent")], ignoreOrder: true);
        errors.ShouldAllBe(e => e.GetProperty("message").GetString()!.Length > 0);

        var scheme = await Http.GetFromJsonAsync<ClassificationSchemeResponse>("/api/classification", ArsipApp.Json);
        scheme!.Version.ShouldBe(before);
        scheme.Classes.ShouldNotContain(c => c.Name == "Ganda");
    }

    [Fact]
    public async Task Unknown_codes_versions_and_empty_uploads_are_problems()
    {
        await ImportSampleAsync();
        (await Http.GetAsync("/api/classification/999.9")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetAsync("/api/classification?version=99")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.PostCsv("")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var noFile = await Http.PostAsync("/api/classification/import", new MultipartFormDataContent { { new StringContent("x"), "reason" } });
        noFile.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadAsync<ProblemDetails>(noFile)).Title.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_scheme_imported_for_one_agency_is_not_visible_to_another()
    {
        await ImportSampleAsync();

        await using (var kabBekasi = App.Store.QuerySession("kab-bekasi"))
            (await kabBekasi.LoadAsync<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream)).ShouldBeNull();

        // Another agency gets its own scheme under the same stream id; neither sees the other's.
        var csv = "code,name,activeRetentionYears,inactiveRetentionYears,finalAction\n000,Umum Tangerang,1,1,Musnah\n"u8.ToArray();
        var outcome = await new Wolverine.Runtime.MessageBus(App.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>())
            .InvokeForTenantAsync<Outcome<ClassificationImportResponse>>("kota-tangerang",
                new ImportClassificationSchemeCommand(new ClassificationImport(csv, SchemeFileFormat.Csv, "t.csv", false, null), "uji"));
        outcome.Value!.Version.ShouldBe(1);
        await using (var tangerang = App.Store.QuerySession("kota-tangerang"))
            (await tangerang.LoadAsync<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream))!.Classes.ShouldHaveSingleItem().Name.ShouldBe("Umum Tangerang");

        var ours = await Http.GetFromJsonAsync<ClassificationSchemeResponse>("/api/classification", ArsipApp.Json);
        ours!.Classes.ShouldNotContain(c => c.Name == "Umum Tangerang");
        (await Http.GetFromJsonAsync<ClassificationClassResponse>("/api/classification/000", ArsipApp.Json))!.Class.Name.ShouldBe("Umum");
    }
}
