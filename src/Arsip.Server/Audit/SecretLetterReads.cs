using Marten;

namespace Arsip.Audit;

/// <summary>Someone opened a Rahasia or Sangat Rahasia letter: part of its history, so an auditor can see who read it.</summary>
public sealed record SecretLetterRead(Guid LetterId, Guid PersonId, string PersonName, Guid[] Positions, DateTimeOffset ReadAt);

/// <summary>
/// Recorded through a durable local message rather than inside the GET itself, so a read never fails
/// on a concurrent append to the letter (the handler retries on a version conflict).
/// </summary>
public static class SecretLetterReadHandler
{
    public static void Handle(SecretLetterRead read, IDocumentSession session) => session.Events.Append(read.LetterId, read);
}
