using System.Security.Claims;
using Arsip.Access;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Arsip.Pages;

/// <summary>
/// The signed-in caller's agency time zone for the page being shown (<see cref="AgencyTime"/>, loaded once per request by
/// <see cref="PageTimeFilter"/>): pages and partials write every date and time through it (<c>@Time.Format(at)</c>).
/// </summary>
public sealed class PageTime
{
    public AgencyTime Zone { get; internal set; } = AgencyTime.Default;

    public string Format(DateTimeOffset at) => Zone.Format(at);
    public string Format(DateTimeOffset? at, string none = "-") => at is { } t ? Zone.Format(t) : none;
    public DateTimeOffset ToLocal(DateTimeOffset at) => Zone.ToLocal(at);
}

public sealed class PageTimeFilter(IDocumentStore store, PageTime time) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.User.FindFirstValue(ArsipClaims.Agency) is { } agency)
        {
            await using var session = store.QuerySession(agency);
            time.Zone = await AgencyTime.LoadAsync(session, context.HttpContext.RequestAborted);
        }
        await next();
    }
}
