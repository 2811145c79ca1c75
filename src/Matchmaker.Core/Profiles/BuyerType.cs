namespace Matchmaker.Profiles;

public enum BuyerType
{
    Unspecified = 0,
    Importer = 1,
    Distributor = 2,
    Retailer = 3,
    Manufacturer = 4,
    Other = 5,
}
