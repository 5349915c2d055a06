using System.Net;
using System.Net.Http.Json;
using System.Text;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.ReferenceData;

namespace Arsip.IntegrationTests.ReferenceData;

public class ClassificationVersionsTests(ArsipApp app) : ReferenceDataTest(app)
{
    private static string Json(int spdActive, bool withCuti = true, string spdAction = "Musnah") => $$"""
        { "classes": [
          { "code": "800", "name": "Kepegawaian", "activeRetentionYears": 2, "inactiveRetentionYears": 3, "finalAction": "DinilaiKembali" },
          { "code": "800.1", "name": "Sumber Daya Manusia", "activeRetentionYears": 2, "inactiveRetentionYears": 3, "finalAction": "DinilaiKembali" },
          { "code": "800.1.11", "name": "Tata Usaha Kepegawaian", "activeRetentionYears": 2, "inactiveRetentionYears": 3, "finalAction": "DinilaiKembali" },
          { "code": "800.1.11.1", "name": "Surat Perintah Dinas", "activeRetentionYears": {{spdActive}}, "inactiveRetentionYears": 2,
            "finalAction": "{{spdAction}}", "defaultSecurityLevel": "Biasa" }{{(withCuti ? """
          ,
          { "code": "800.1.11.2", "name": "Cuti Pegawai", "activeRetentionYears": 1, "inactiveRetentionYears": 2, "finalAction": "Musnah" }
          """ : "")}}
        ] }
        """;

    private Task<HttpResponseMessage> PostJson(string json, string query = "") =>
        Http.PostAsync("/api/classification/import" + query, new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Versions_are_kept_and_shortening_needs_consent_with_a_reason()
    {
        var v1 = await PostJson(Json(spdActive: 1, withCuti: false));
        v1.StatusCode.ShouldBe(HttpStatusCode.Created);
        v1.Headers.Location!.ToString().ShouldBe("/api/classification?version=1");

        var v2 = await PostJson(Json(spdActive: 3));
        v2.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ReadAsync<ClassificationImportResponse>(v2)).Version.ShouldBe(2);

        var shorter = Json(spdActive: 1, withCuti: false);
        var refused = await PostJson(shorter);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var errors = await ReferenceDataHttp.Errors(refused);
        errors.Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString()))
            .ShouldBe([(5, "activeRetentionYears"), (0, "code")], ignoreOrder: true);
        (await Http.GetFromJsonAsync<ClassificationSchemeResponse>("/api/classification", ArsipApp.Json))!.Version.ShouldBe(2);

        (await PostJson(shorter, "?allowShortening=true")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var allowed = await Http.PostMultipart(Encoding.UTF8.GetBytes(shorter), "jra-2027.json",
            ("allowShortening", "true"), ("reason", "Penyesuaian JRA dengan Perka ANRI 2026"));
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ReadAsync<ClassificationImportResponse>(allowed)).Shortened.Count.ShouldBe(2);

        var current = await Http.GetFromJsonAsync<ClassificationSchemeResponse>("/api/classification", ArsipApp.Json);
        current!.Version.ShouldBe(3);
        current.SourceName.ShouldBe("jra-2027.json");
        var first = await Http.GetFromJsonAsync<ClassificationSchemeResponse>("/api/classification?version=1", ArsipApp.Json);
        first!.Version.ShouldBe(1);
        first.Classes.Count.ShouldBe(4);
        var second = await Http.GetFromJsonAsync<ClassificationClassResponse>("/api/classification/800.1.11.2?version=2", ArsipApp.Json);
        second!.Class.Name.ShouldBe("Cuti Pegawai");
        (await Http.GetAsync("/api/classification/800.1.11.2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var history = (await Http.GetFromJsonAsync<ClassificationVersionEntry[]>("/api/classification/versions", ArsipApp.Json))!;
        history.Select(h => h.Version).ShouldBe([1, 2, 3]);
        history[2].Reason.ShouldBe("Penyesuaian JRA dengan Perka ANRI 2026");
        history[2].Shortened.ShouldContain(s => s.Code == "800.1.11.1" && s.Before == "3" && s.After == "1");
    }
}
