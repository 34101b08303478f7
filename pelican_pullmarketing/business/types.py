"""The schema.org types a firm may give in ``PULLMARKETING_BUSINESS["type"]``:
``LocalBusiness`` and its subtypes (schema.org 28, the ones a small firm
with premises or a service area would use), plus ``Organization`` for a firm
without premises. A name outside this table is refused with "did you mean"
(the schema's ``business_type``).

``PLACE_ONLY`` are the properties schema.org gives a ``LocalBusiness`` (as a
``Place``) but not an ``Organization``: they are left out of the JSON-LD of an
``Organization``.
"""

from __future__ import annotations

ORGANIZATION = "Organization"

LOCAL_BUSINESS_TYPES: frozenset[str] = frozenset(
    [
        "LocalBusiness",
        "AnimalShelter",
        "ArchiveOrganization",
        "ChildCare",
        "Dentist",
        "DryCleaningOrLaundry",
        "EmploymentAgency",
        "GovernmentOffice",
        "InternetCafe",
        "Library",
        "ProfessionalService",
        "RadioStation",
        "RealEstateAgent",
        "RecyclingCenter",
        "SelfStorage",
        "ShoppingCenter",
        "TelevisionStation",
        "TouristInformationCenter",
        "TravelAgency",
        "AutomotiveBusiness",
        "AutoBodyShop",
        "AutoDealer",
        "AutoPartsStore",
        "AutoRental",
        "AutoRepair",
        "AutoWash",
        "GasStation",
        "MotorcycleDealer",
        "MotorcycleRepair",
        "EmergencyService",
        "FireStation",
        "Hospital",
        "PoliceStation",
        "EntertainmentBusiness",
        "AdultEntertainment",
        "AmusementPark",
        "ArtGallery",
        "Casino",
        "ComedyClub",
        "MovieTheater",
        "NightClub",
        "FinancialService",
        "AccountingService",
        "AutomatedTeller",
        "BankOrCreditUnion",
        "InsuranceAgency",
        "FoodEstablishment",
        "Bakery",
        "BarOrPub",
        "Brewery",
        "CafeOrCoffeeShop",
        "Distillery",
        "FastFoodRestaurant",
        "IceCreamShop",
        "Restaurant",
        "Winery",
        "HealthAndBeautyBusiness",
        "BeautySalon",
        "DaySpa",
        "HairSalon",
        "HealthClub",
        "NailSalon",
        "TattooParlor",
        "HomeAndConstructionBusiness",
        "Electrician",
        "GeneralContractor",
        "HVACBusiness",
        "HousePainter",
        "Locksmith",
        "MovingCompany",
        "Plumber",
        "RoofingContractor",
        "LegalService",
        "Attorney",
        "Notary",
        "LodgingBusiness",
        "BedAndBreakfast",
        "Campground",
        "Hostel",
        "Hotel",
        "Motel",
        "Resort",
        "VacationRental",
        "MedicalBusiness",
        "CommunityHealth",
        "Dermatology",
        "DietNutrition",
        "Emergency",
        "Geriatric",
        "Gynecologic",
        "MedicalClinic",
        "Midwifery",
        "Nursing",
        "Obstetric",
        "Oncologic",
        "Optician",
        "Optometric",
        "Otolaryngologic",
        "Pediatric",
        "Pharmacy",
        "Physician",
        "Physiotherapy",
        "PlasticSurgery",
        "Podiatric",
        "PrimaryCare",
        "Psychiatric",
        "PublicHealth",
        "SportsActivityLocation",
        "BowlingAlley",
        "ExerciseGym",
        "GolfCourse",
        "PublicSwimmingPool",
        "SkiResort",
        "SportsClub",
        "StadiumOrArena",
        "TennisComplex",
        "Store",
        "AutoPartsStore",
        "BikeStore",
        "BookStore",
        "ClothingStore",
        "ComputerStore",
        "ConvenienceStore",
        "DepartmentStore",
        "ElectronicsStore",
        "Florist",
        "FurnitureStore",
        "GardenStore",
        "GroceryStore",
        "HardwareStore",
        "HobbyShop",
        "HomeGoodsStore",
        "JewelryStore",
        "LiquorStore",
        "MensClothingStore",
        "MobilePhoneStore",
        "MovieRentalStore",
        "MusicStore",
        "OfficeEquipmentStore",
        "OutletStore",
        "PawnShop",
        "PetStore",
        "ShoeStore",
        "SportingGoodsStore",
        "TireShop",
        "ToyStore",
        "WholesaleStore",
    ]
)

BUSINESS_TYPES: frozenset[str] = LOCAL_BUSINESS_TYPES | {ORGANIZATION}

PLACE_ONLY = ("geo", "openingHoursSpecification", "priceRange")


def is_local_business(kind: str) -> bool:
    return kind in LOCAL_BUSINESS_TYPES


def suggest(kind: str) -> str | None:
    """The known type a misspelt one was probably meant to be (the schema's
    one "did you mean"; a type that differs only in case is found too)."""
    from ..settings import closest

    by_lower = {t.lower(): t for t in BUSINESS_TYPES}
    return by_lower.get(kind.lower()) or closest(kind, BUSINESS_TYPES)
