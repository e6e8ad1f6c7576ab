using System;

namespace ConnectorGen.Model;

/// <summary>
/// The template folders emitted once per compilation, as flags: each mapping's <see cref="EmitPlan"/> says which it needs,
/// and <see cref="SharedEmitPlan"/> joins them. Which folder belongs to which part is said once, in
/// <c>Emit/TemplateFolders.cs</c>.
/// </summary>
[Flags]
internal enum SharedParts
{
    None = 0,

    /// <summary>What every credentials class and validator calls: every compilation with a mapping.</summary>
    Credentials = 1 << 0,

    /// <summary>The handshake and lifecycle core: oauth2, apiKey and basic clients, unless a referenced assembly gives it.</summary>
    HandshakeCore = 1 << 1,

    /// <summary>The token store over <c>IDistributedCache</c> (Microsoft.Extensions.Caching.Abstractions), with the core.</summary>
    DistributedCache = 1 << 2,

    /// <summary>The coordinating token store over StackExchange.Redis, with the core.</summary>
    Redis = 1 << 3,

    /// <summary><c>Add&lt;C&gt;Connector</c>'s typed clients (DI, Options, Configuration and Microsoft.Extensions.Http).</summary>
    ClientRegistration = 1 << 4,

    /// <summary>The typed clients' logging handler (Microsoft.Extensions.Logging).</summary>
    ClientLogging = 1 << 5,

    /// <summary>The typed clients without the factory's default logging (Microsoft.Extensions.Http 8+, <c>RemoveAllLoggers</c>).</summary>
    FactoryLogging = 1 << 6,

    /// <summary><c>Add&lt;C&gt;AccessToken</c> and <c>Add&lt;C&gt;TokenManagement</c> (Microsoft.Extensions.Http).</summary>
    AccessTokenRegistration = 1 << 7,

    /// <summary><c>Add&lt;C&gt;Authentication</c> of apiKey and basic mappings (Microsoft.Extensions.Http).</summary>
    AuthenticationRegistration = 1 << 8,

    /// <summary>The hosted keep-alive of <c>Add&lt;C&gt;TokenKeepAlive</c> (Microsoft.Extensions.Hosting.Abstractions and Logging).</summary>
    TokenKeepAlive = 1 << 9,
}

/// <summary>The template folders emitted per oauth2 connector, as flags of its <see cref="EmitPlan"/>.</summary>
[Flags]
internal enum ConnectorParts
{
    None = 0,

    /// <summary>The OAuth and Open Connectors clients and the token lifecycle.</summary>
    Clients = 1 << 0,

    /// <summary><c>Add&lt;C&gt;AccessToken</c> and <c>Add&lt;C&gt;TokenManagement</c> (Microsoft.Extensions.Http).</summary>
    AccessTokenRegistration = 1 << 1,

    /// <summary><c>Add&lt;C&gt;TokenKeepAlive</c> (Microsoft.Extensions.Hosting.Abstractions and Logging).</summary>
    TokenKeepAlive = 1 << 2,
}
