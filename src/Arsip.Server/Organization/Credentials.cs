using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Arsip.Organization;

/// <summary>What a person signs in with: the password hash and the session stamp that ends older sessions when it changes.</summary>
public static class Credentials
{
    public static readonly PasswordHasher<Person> Hasher = new();

    /// <summary>A new session stamp: random, so a stamp cannot be guessed from an earlier one.</summary>
    public static string NewSessionStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
