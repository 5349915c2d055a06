using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Arsip.Infrastructure;

/// <summary>/health answers "Healthy" (or the worst status) as text, as load balancers expect, and every check's description and
/// numbers as JSON when the client asks for application/json.</summary>
public static class HealthReports
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (!context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Value is "application/json"))
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(report.Status.ToString());
        }
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        }, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
