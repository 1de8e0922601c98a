print("okrsheet")
