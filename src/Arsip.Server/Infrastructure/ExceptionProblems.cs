using System.Text.Json;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;

namespace Arsip.Infrastructure;

/// <summary>Failures a client can cause, never a 500: unreadable JSON is a 400 naming the field, a lost race (a concurrent write, a duplicate insert) a 409.</summary>
public sealed class ExceptionProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = Map(exception);
        if (problem is null) return false;
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails? Map(Exception exception) => exception switch
    {
        JsonException json => Problems.BadRequest(FieldOf(json.Path), $"Nilai tidak dapat dibaca (unreadable value): {json.Message}"),
        BadHttpRequestException { InnerException: JsonException json } => Map(json),
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode, Title = "Permintaan tidak valid (invalid request)", Detail = bad.Message,
        },
        DocumentAlreadyExistsException => Problems.Conflict(
            "Data yang sama baru saja disimpan oleh permintaan lain (the same record was just written by another request)."),
        ProblemException refused => refused.ToProblem(),
        Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException => Problems.Conflict(
            "Data dengan id yang sama sudah ada; permintaan ganda (a record with this id already exists; a duplicate request)."),
        ConcurrencyException or EventStreamUnexpectedMaxEventIdException => Problems.Conflict(
            "Data ini baru saja diubah oleh orang lain; muat ulang dan coba lagi (changed concurrently; reload and retry)."),
        _ => null,
    };

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) ? "body" : path.TrimStart('$', '.');
}
