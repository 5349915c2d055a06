using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Arsip.Organization;

public static class Credentials
{
    public const int MinimumPasswordLength = 10;
    public static readonly PasswordHasher<Person> Hasher = new();

    /// <summary>Salted, so not deterministic: decisions take it as a function, as they take ids.</summary>
    public static string Hash(string password) => Hasher.HashPassword(new Person(), password);

    public static bool Matches(Person person, string password) =>
        Hasher.VerifyHashedPassword(person, person.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>A new session stamp: random, so a stamp cannot be guessed from an earlier one.</summary>
    public static string NewSessionStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
