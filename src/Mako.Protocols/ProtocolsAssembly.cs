namespace Mako.Protocols;

/// <summary>Marker type to find this assembly (its dissectors are discovered by reflection).</summary>
public static class ProtocolsAssembly;
