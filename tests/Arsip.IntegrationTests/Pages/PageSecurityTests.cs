using System.Net;
using System.Text.RegularExpressions;
using Arsip.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.IntegrationTests.Pages;

/// <summary>Every page refuses a post without the anti-forgery token; pages and API answers carry the security headers.</summary>
public partial class PageSecurityTests(ArsipApp app) : ArsipTest(app)
{
    /// <summary>Every Razor page's route, its parameters filled in with values of the right shape.</summary>
    private IReadOnlyList<string> PageRoutes() => App.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
        .Select(e => "/" + RouteParameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), m => m.Groups["constraint"].Value switch
        {
            "guid" => Guid.NewGuid().ToString(),
            "int" => "404",
            _ => m.Groups["name"].Value == "sha256" ? new string('a', 64) : "en",
        }))
        .Distinct().Order().ToList();

    [Fact]
    public async Task Every_page_refuses_a_post_without_the_anti_forgery_token()
    {
        var routes = PageRoutes();
        routes.ShouldContain("/admin/pegawai");
        routes.ShouldContain("/keluar");
        routes.Count.ShouldBeGreaterThan(20);
        var admin = await As("admin"); // may open every page, so the token check is what refuses
        // the operator's pages, refused to an administrator before the token is read: OnboardingPagesTests, PeerDirectoryTests
        foreach (var route in routes.Where(r => r != "/operator" && !r.StartsWith("/operator/", StringComparison.Ordinal)))
        {
            var response = await admin.PostAsync(route, new FormUrlEncodedContent([new("Reason", "tanpa token")]));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, route);
        }
        var anonymous = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await anonymous.PostAsync("/masuk", new FormUrlEncodedContent([new("Agency", "kota-bekasi"), new("UserName", "admin"), new("Password", ArsipApp.DemoPassword)])))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Razor Pages take filters on the page model only, never on one handler: a page model without the opt-out is covered whole.
        typeof(Program).Assembly.GetTypes().Where(t => t.IsDefined(typeof(IgnoreAntiforgeryTokenAttribute), inherit: true)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_and_the_other_security_headers()
    {
        var signedIn = await As("admin");
        foreach (var response in new[] { await Anonymous.GetAsync("/masuk"), await signedIn.GetAsync("/"), await signedIn.GetAsync("/admin/pegawai"), await signedIn.GetAsync("/surat-masuk/baru") })
        {
            var url = response.RequestMessage!.RequestUri!.AbsolutePath;
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            policy.ShouldContain("frame-ancestors 'none'");
            policy.ShouldContain("script-src 'self'");
            policy.ShouldContain("style-src 'self'");
            policy.ShouldNotContain("unsafe-inline");
            response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");

            // what the policy would block: an inline script, an inline style, an event handler attribute
            var html = await response.Content.ReadAsStringAsync();
            InlineScript().IsMatch(html).ShouldBeFalse(url);
            InlineStyle().IsMatch(html).ShouldBeFalse(url);
        }
    }

    [Fact]
    public async Task API_answers_and_files_are_never_sniffed_and_files_may_be_framed_by_Arsip_only()
    {
        foreach (var response in new[] { await (await As("admin")).GetAsync("/api/me"), await Anonymous.GetAsync("/api/me"), await Anonymous.GetAsync("/api/openapi.json") })
        {
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            response.Headers.Contains("Content-Security-Policy").ShouldBeFalse("JSON needs no page policy");
        }
        var css = await Anonymous.GetAsync("/css/site.css");
        css.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        css.Headers.GetValues("Content-Security-Policy").Single().ShouldBe("frame-ancestors 'self'");
    }

    [GeneratedRegex(@"\{(?<name>\w+)(:(?<constraint>\w+))?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<style|\sstyle=""|\son[a-z]+=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();
}
