namespace Qlrf.Discovery;

public enum AssetChangeKind
{
    Added,
    Updated,
    Removed,
}
