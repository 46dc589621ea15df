"""The activity room and equipment (union schema): rooms, bookings (no overlap), equipment,
lending and damage. May import members, activities (its roles), the platform."""
